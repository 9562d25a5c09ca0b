-- The client address of the request that caused an audit event (sign-ins, refusals, changes).
ALTER TABLE "audit_event" ADD COLUMN "ip" TEXT;
