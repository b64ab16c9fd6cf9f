/**
 * Norwegian organisation numbers (Enhetsregisteret): nine digits, the last a modulus-11 check digit over
 * the first eight with weights 3 2 7 6 5 4 3 2. A remainder that would need check digit 10 is never issued.
 * Spaces are allowed as people write them ("974 760 673").
 */

const weights = [3, 2, 7, 6, 5, 4, 3, 2];

export function normaliseOrganisationNumber(text: string): string {
  return text.replace(/[\s.]/g, '');
}

export function isValidOrganisationNumber(text: string): boolean {
  const digits = normaliseOrganisationNumber(text);
  if (!/^\d{9}$/.test(digits)) return false;
  const sum = weights.reduce((total, weight, index) => total + weight * Number(digits[index]), 0);
  const remainder = sum % 11;
  const check = remainder === 0 ? 0 : 11 - remainder;
  return check !== 10 && check === Number(digits[8]);
}
