import { describe, expect, it } from "vitest";
import spec from "@/docs/openapi.json";
import { validateUploadFields } from "@/lib/exchange/upload-rows";
import { apiRegistrationSchema, apiRequestSchema, MAX_API_REGISTRATIONS, toUploadFields } from "@/lib/ingestion/schema";

const NOW = new Date("2026-11-22T12:00:00Z");
const operation = spec.paths["/api/v1/registrations"].post;

describe("the OpenAPI file describes what the route accepts", () => {
  it("its request examples pass the route's own schema and the upload rules", () => {
    const examples = Object.values(operation.requestBody.content["application/json"].examples);
    expect(examples.length).toBeGreaterThan(0);
    for (const { value } of examples) {
      const envelope = apiRequestSchema.parse(value);
      for (const item of envelope.registrations) {
        const parsed = apiRegistrationSchema.parse(item);
        expect(validateUploadFields(toUploadFields(parsed), NOW).errors).toEqual([]);
      }
    }
  });

  it("names exactly the schema's fields, required ones and limits", () => {
    const documented = spec.components.schemas.Registration;
    expect(Object.keys(documented.properties).sort()).toEqual(Object.keys(apiRegistrationSchema.shape).sort());
    const required = Object.entries(apiRegistrationSchema.shape)
      .filter(([, field]) => !field.safeParse(undefined).success)
      .map(([name]) => name);
    expect([...documented.required].sort()).toEqual(required.sort());
    expect(spec.components.schemas.RegistrationBatch.properties.registrations.maxItems).toBe(MAX_API_REGISTRATIONS);
  });

  it("an unknown field or a wrong type is refused with a Danish message", () => {
    const item = operation.requestBody.content["application/json"].examples.twoRegistrations.value.registrations[0];
    const wrong = apiRegistrationSchema.safeParse({ ...item, quantity: "412", kanal: "WEB" });
    expect(wrong.success).toBe(false);
    expect(wrong.error!.issues.map((i) => i.message).sort()).toEqual(["Ukendt felt: kanal.", "quantity skal være et helt tal."]);
  });
});
