import Link from "next/link";
import { PublicPage } from "@/components/shell/public-page";

/** Also shown when the user lacks access, so a guessed address reveals nothing. */
export default function NotFound() {
  return (
    <PublicPage>
      <h1 className="mb-4 text-2xl sm:text-3xl">Siden findes ikke</h1>
      <p className="mb-4">Vi kunne ikke finde siden, eller du har ikke adgang til den. Tjek adressen, eller gå tilbage til forsiden.</p>
      <p>
        <Link href="/">Gå til forsiden</Link>
      </p>
    </PublicPage>
  );
}
