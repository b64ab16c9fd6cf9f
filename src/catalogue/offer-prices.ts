import { z } from 'zod';
import ratesFile from '../../data/currencies/nok-rates-2024.json' with { type: 'json' };

/**
 * Prices as feeds publish them (an amount, a currency, maybe a category or a name) → the two facts Veileder
 * keeps apart: what following costs, and what a certificate or exam costs on top. Amounts in another currency
 * are converted at Norges Bank's 2024 annual average (data/currencies), a fixed table shipped with the code:
 * an import never fetches rates, and the same file always gives the same prices.
 */

const ratesSchema = z.object({
  source: z.string(),
  year: z.number(),
  nokPer: z.record(z.string(), z.number().positive()),
});
const rates = ratesSchema.parse(ratesFile).nokPer;

/** An amount in NOK, or undefined for a currency the table does not hold (the price is then not stated). */
function toNok(amount: number, currency: string | undefined): number | undefined {
  const rate = rates[(currency ?? 'NOK').toUpperCase()];
  if (rate === undefined) return undefined;
  return currency === undefined || currency.toUpperCase() === 'NOK' ? amount : Math.round(amount * rate);
}

export type PublishedOffer = {
  amount: number | undefined;
  currency: string | undefined;
  /** schema.org's Offer category as Google reads it ("Free", "Partially Free", "Paid", "Subscription"), or a feed's own word. */
  category: string | undefined;
  /** Whether the offer is for a certificate, an exam or a credential rather than for following the course. */
  forCertificate: boolean;
};

export type PriceFacts = { priceNok?: number; isFree?: boolean; certificatePriceNok?: number };

const certificateWords =
  /certificat|sertifikat|kursbevis|vitnem[aå]l|diplom|exam|eksamen|verified|credential|accreditation/i;

/** Whether an offer's words say it sells a certificate or an exam ("Verified certificate", "Exam fee"). */
export function namesCertificate(words: (string | undefined)[]): boolean {
  return words.some((word) => word !== undefined && certificateWords.test(word));
}

/**
 * Several offers (on the course, on each instance) → one set of facts: free to follow when any offer to follow
 * costs nothing or is in the Free/Partially Free category; the lowest stated price to follow otherwise; the
 * lowest certificate fee, and a "Partially Free" offer's amount, as the certificate's.
 */
export function priceFacts(offers: PublishedOffer[]): PriceFacts {
  const facts: PriceFacts = {};
  const lowest = (current: number | undefined, next: number) =>
    current === undefined ? next : Math.min(current, next);
  for (const offer of offers) {
    const category = offer.category?.toLowerCase().replace(/[^a-z]/g, '');
    const nok = offer.amount === undefined ? undefined : toNok(offer.amount, offer.currency);
    if (offer.forCertificate) {
      if (nok !== undefined && nok > 0) facts.certificatePriceNok = lowest(facts.certificatePriceNok, nok);
      continue;
    }
    if (category === 'free' || category === 'partiallyfree' || nok === 0) {
      facts.isFree = true;
      if (category === 'partiallyfree' && nok !== undefined && nok > 0)
        facts.certificatePriceNok = lowest(facts.certificatePriceNok, nok);
      else if (nok !== undefined) facts.priceNok = 0;
      continue;
    }
    if (nok !== undefined) facts.priceNok = lowest(facts.priceNok, nok);
    if (category === 'paid' || category === 'subscription' || (nok !== undefined && nok > 0)) facts.isFree ??= false;
  }
  // One instance free to follow and another paid: following can cost nothing, so no price to follow is stated.
  if (facts.isFree === true && facts.priceNok !== undefined && facts.priceNok > 0) delete facts.priceNok;
  return facts;
}
