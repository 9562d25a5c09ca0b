-- The API's rate limits, counted in the database so that several instances share them
-- (lib/ingestion/rate-limit.ts): one row per key and fixed window, old windows deleted now and then.
CREATE TABLE "rate_limit_window" (
    "key" TEXT NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "hits" INTEGER NOT NULL,

    CONSTRAINT "rate_limit_window_pkey" PRIMARY KEY ("key","window_start")
);
