-- "Free to follow" and "a paid certificate or exam" are two facts (issue 16): 974 demo offerings were marked
-- free and carried a price, which was an edX certificate fee, and the chat called them plain "gratis".
-- price_nok is now what following costs; certificate_price_nok what a certificate or exam costs on top.
ALTER TABLE "offering" ADD COLUMN "certificate_price_nok" DOUBLE PRECISION;

-- Offerings and stored source records that are free and carry a price: the price is the certificate's.
UPDATE "offering" SET "certificate_price_nok" = "price_nok", "price_nok" = NULL WHERE "is_free" AND "price_nok" > 0;
UPDATE "offering_source"
   SET "record" = jsonb_set(jsonb_set("record", '{certificatePriceNok}', "record"->'priceNok'), '{priceNok}', 'null'::jsonb)
 WHERE ("record"->>'isFree') = 'true' AND ("record"->>'priceNok')::double precision > 0;
