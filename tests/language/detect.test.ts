import { describe, expect, it } from 'vitest';
import { detectLanguage, languageFromLocale, requestedLanguage } from '../../src/language/detect.js';

describe('language detection', () => {
  it.each([
    ['Jeg vil lære mer om ledelse ved siden av jobben', 'nb'],
    ['Hva slags utdanning bør jeg ta?', 'nb'],
    ['Eg vil lære meir om leiing ved sida av jobben', 'nn'],
    ['Kva slags utdanning bør eg ta? Eg veit ikkje', 'nn'],
    ['I would like to learn more about leadership', 'en'],
    ['What should I study to work with children?', 'en'],
  ])('%j is %s', (text, language) => {
    expect(detectLanguage({ text, fallback: 'nb' }).language).toBe(language);
  });

  it('keeps the conversation language when a message says too little', () => {
    expect(detectLanguage({ text: '5', fallback: 'nn' })).toEqual({ language: 'nn', confidence: 'weak' });
    expect(detectLanguage({ text: 'ok', fallback: 'en' }).language).toBe('en');
    expect(detectLanguage({ text: 'Python og Excel', fallback: 'nn' }).language).toBe('nn');
  });

  it('does not read a pasted token or link as words', () => {
    const jwt =
      'eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6Imh0dHA6Ly9sb2NhbGhvc3QvYSJ9.eyJpc3MiOiJodHRwOi8vbG9jYWxob3N0IiwiaXMiOiJhIn0.c2lnbmF0dXJlIGlzIG9uIGEgdG9rZW4';
    expect(detectLanguage({ text: jwt, fallback: 'nn' })).toEqual({ language: 'nn', confidence: 'weak' });
    expect(detectLanguage({ text: 'https://example.org/is/a/link?on=the&and=it', fallback: 'nb' })).toEqual({
      language: 'nb',
      confidence: 'weak',
    });
    expect(detectLanguage({ text: `Kan du sjekke dette kursbeviset? ${jwt}`, fallback: 'en' }).language).toBe('nb');
  });

  it('hears explicit switches and channel locales', () => {
    expect(requestedLanguage('Kan du svare på engelsk?')).toBe('en');
    expect(requestedLanguage('answer in English please')).toBe('en');
    expect(requestedLanguage('skriv nynorsk')).toBe('nn');
    expect(requestedLanguage('svar på bokmål')).toBe('nb');
    expect(requestedLanguage('Jeg vil lære engelsk')).toBeNull();
    expect(languageFromLocale('nb-NO')).toBe('nb');
    expect(languageFromLocale('nn')).toBe('nn');
    expect(languageFromLocale('en-GB')).toBe('en');
    expect(languageFromLocale('de-DE')).toBeNull();
  });
});
