import type { PageLanguage } from '../credentials/credential-html.js';

/**
 * The privacy statement and terms of use the Teams manifest names (developer.privacyUrl, termsOfUseUrl).
 * Every sentence must stay true of the code: what is stored is the learner tables of prisma/schema.prisma,
 * the rights are the chat commands and the retention job of docs/advisers.md#privacy-gdpr, the secrets
 * and hashes are docs/security.md. Change them together.
 */
type LegalSection = { heading: string; paragraphs: string[] };
export type LegalPage = { title: string; intro: string; sections: LegalSection[] };

/** How long conversations are kept, in words; 0 = until the learner deletes them. */
function retention(days: number, language: PageLanguage): string {
  if (days === 0) {
    return {
      nb: 'Samtaler blir lagret til du selv sletter dem.',
      nn: 'Samtalar blir lagra til du sjølv slettar dei.',
      en: 'Conversations are kept until you delete them.',
    }[language];
  }
  return {
    nb: `Samtaler du ikke har brukt på ${days} dager, blir slettet automatisk med forslagene og vurderingene i dem.`,
    nn: `Samtalar du ikkje har brukt på ${days} dagar, blir sletta automatisk med forslaga og vurderingane i dei.`,
    en: `Conversations you have not used for ${days} days are deleted automatically, with their suggestions and ratings.`,
  }[language];
}

export function privacyPage(options: { language: PageLanguage; retentionDays: number }): LegalPage {
  const keep = retention(options.retentionDays, options.language);
  const pages: Record<PageLanguage, LegalPage> = {
    nb: {
      title: 'Personvern i Veileder',
      intro:
        'Veileder er en veiviser for kurs og utdanning i Læringsportalen, i Microsoft Teams, Slack og nettchatten. Her står hva Veileder lagrer om deg, hvorfor, hvor lenge, og hvordan du får se eller slette det.',
      sections: [
        {
          heading: 'Hva vi lagrer',
          paragraphs: [
            'Hvem du er i kanalen: en teknisk bruker-id fra Teams, Slack eller nettchatten (ikke passord), og språket du skriver på.',
            'Samtalen: meldingene dine og svarene, forslagene Veileder ga og hvorfor, og vurderingene du gir forslagene.',
            'Profilen du forteller om (rolle, bakgrunn, mål, tid og ønsker). Den brukes i samtalen; bare hvis du sier ja til at vi husker deg, blir den tatt vare på til neste samtale.',
            'Hvis du ber om det: varsler om nye kurs (hva du vil varsles om og hva som er sendt), kursbevis utstedt til deg (navnet ditt i klartekst, e-postadressen bare som saltet hash), og medlemskap i en organisasjon som har registrert deg.',
          ],
        },
        {
          heading: 'Hvorfor',
          paragraphs: [
            'For å svare deg og foreslå kurs som passer; for at veiledere og HR i tjenesten kan se over forslagene og forbedre dem; og for anonyme tall om hva som etterspørres.',
            'Hvis tjenesten er satt opp med en språkmodell eller en ekstern søketjeneste, sendes meldingene dine dit for å bli forstått og besvart. Ellers skjer alt på tjenestens egen server.',
          ],
        },
        {
          heading: 'Hvor lenge',
          paragraphs: [
            keep,
            'Lenker for å dele eller hente ut data lagres bare som hash og går ut av seg selv.',
            'Når en arbeidsgiver sjekker kursbevis for en arbeidsplass, lagres bare det bevisene sier (navn, kurs, datoer, resultat), like lenge som samtaler; det er arbeidsgiverens oversikt og slettes ikke med «glem meg».',
          ],
        },
        {
          heading: 'Dine rettigheter',
          paragraphs: [
            'Skriv «eksporter dataene mine» i chatten, så får du en lenke (gyldig i 30 minutter) til en fil med alt som er lagret om deg.',
            'Skriv «glem meg», så slettes alt om deg. Et kursbevis du har fått, kan fortsatt sjekkes og trekkes tilbake av utstederen, men navnet ditt og vår kopi av beviset slettes.',
            'Du kan også be en administrator i tjenesten om innsyn eller sletting.',
          ],
        },
      ],
    },
    nn: {
      title: 'Personvern i Veileder',
      intro:
        'Veileder er ein vegvisar for kurs og utdanning i Læringsportalen, i Microsoft Teams, Slack og nettchatten. Her står kva Veileder lagrar om deg, kvifor, kor lenge, og korleis du får sjå eller slette det.',
      sections: [
        {
          heading: 'Kva vi lagrar',
          paragraphs: [
            'Kven du er i kanalen: ein teknisk brukar-id frå Teams, Slack eller nettchatten (ikkje passord), og språket du skriv på.',
            'Samtalen: meldingane dine og svara, forslaga Veileder gav og kvifor, og vurderingane du gir forslaga.',
            'Profilen du fortel om (rolle, bakgrunn, mål, tid og ønske). Han blir brukt i samtalen; berre om du seier ja til at vi hugsar deg, blir han teken vare på til neste samtale.',
            'Om du ber om det: varsel om nye kurs (kva du vil varslast om og kva som er sendt), kursbevis skrive ut til deg (namnet ditt i klartekst, e-postadressa berre som salta hash), og medlemskap i ein organisasjon som har registrert deg.',
          ],
        },
        {
          heading: 'Kvifor',
          paragraphs: [
            'For å svare deg og foreslå kurs som passar; for at rettleiarar og HR i tenesta kan sjå over forslaga og betre dei; og for anonyme tal om kva som blir etterspurt.',
            'Om tenesta er sett opp med ein språkmodell eller ei ekstern søkjeteneste, blir meldingane dine sende dit for å bli forstått og svara på. Elles skjer alt på tenesta sin eigen server.',
          ],
        },
        {
          heading: 'Kor lenge',
          paragraphs: [
            keep,
            'Lenkjer for å dele eller hente ut data blir berre lagra som hash og går ut av seg sjølv.',
            'Når ein arbeidsgivar sjekkar kursbevis for ein arbeidsplass, blir berre det bevisa seier (namn, kurs, datoar, resultat) lagra, like lenge som samtalar; det er oversikta til arbeidsgivaren og blir ikkje sletta med «gløym meg».',
          ],
        },
        {
          heading: 'Rettane dine',
          paragraphs: [
            'Skriv «eksporter dataa mine» i chatten, så får du ei lenkje (gyldig i 30 minutt) til ei fil med alt som er lagra om deg.',
            'Skriv «gløym meg», så blir alt om deg sletta. Eit kursbevis du har fått, kan framleis sjekkast og trekkjast tilbake av utskrivaren, men namnet ditt og kopien vår av beviset blir sletta.',
            'Du kan òg be ein administrator i tenesta om innsyn eller sletting.',
          ],
        },
      ],
    },
    en: {
      title: 'Privacy in Veileder',
      intro:
        'Veileder is a guide to courses and education in Læringsportalen, in Microsoft Teams, Slack and the web chat. This page says what Veileder stores about you, why, for how long, and how to see or delete it.',
      sections: [
        {
          heading: 'What we store',
          paragraphs: [
            'Who you are in the channel: a technical user id from Teams, Slack or the web chat (never a password), and the language you write in.',
            'The conversation: your messages and the replies, the suggestions Veileder made and why, and the ratings you give them.',
            'The profile you describe (role, background, goals, time and wishes). It is used in the conversation; only if you say yes to being remembered is it kept for the next one.',
            'If you ask for them: alerts about new courses (what you want to hear about and what was sent), credentials issued to you (your name in clear, your e-mail address only as a salted hash), and membership of an organisation that registered you.',
          ],
        },
        {
          heading: 'Why',
          paragraphs: [
            'To answer you and suggest courses that fit; so the service’s advisers and HR can review the suggestions and improve them; and for anonymous totals of what is asked for.',
            'If the service is set up with a language model or a remote search service, your messages are sent there to be understood and answered. Otherwise everything happens on the service’s own server.',
          ],
        },
        {
          heading: 'For how long',
          paragraphs: [
            keep,
            'Links to share or export data are stored only as hashes and expire by themselves.',
            'When an employer checks credentials for a work site, only what the credentials state (name, course, dates, verdict) is kept, as long as conversations; it is the employer’s record and is not deleted by “forget me”.',
          ],
        },
        {
          heading: 'Your rights',
          paragraphs: [
            'Write “export my data” in the chat and you get a link (valid for 30 minutes) to a file with everything stored about you.',
            'Write “forget me” and everything about you is deleted. A credential you were given can still be checked and revoked by its issuer, but your name and our copy of it are deleted.',
            'You may also ask an administrator of the service for access or deletion.',
          ],
        },
      ],
    },
  };
  return pages[options.language];
}

export function termsPage(options: { language: PageLanguage }): LegalPage {
  const pages: Record<PageLanguage, LegalPage> = {
    nb: {
      title: 'Vilkår for bruk av Veileder',
      intro: 'Veileder er gratis å bruke. Ved å bruke den godtar du disse vilkårene.',
      sections: [
        {
          heading: 'Råd, ikke vedtak',
          paragraphs: [
            'Forslagene er veiledning ut fra det du forteller og katalogen tilbyderne publiserer. Pris, datoer, opptak og godkjenning avgjøres av tilbyderen: sjekk hos dem før du melder deg på.',
            'Svar kan være feil, særlig når de lages av en språkmodell. Hver begrunnelse viser hva den bygger på.',
          ],
        },
        {
          heading: 'Hva du skriver',
          paragraphs: [
            'Ikke skriv helseopplysninger, fødselsnummer eller andre sensitive opplysninger i chatten; Veileder trenger dem ikke.',
            'Ikke bruk tjenesten til å prøve å skade den eller andre, eller til å hente ut katalogen i et omfang som går ut over andres bruk (det er grenser per klient).',
          ],
        },
        {
          heading: 'Kursbevis',
          paragraphs: [
            'Et kursbevis fra Veileder er et signert Open Badges 3.0-bevis. Sjekken på /verify forteller om signaturen holder, hvem som har utstedt det, om det er gyldig og om det er trukket tilbake. Bevis fra andre utstedere bekreftes bare som gyldige når utstederen står på tjenestens liste over godkjente utstedere.',
          ],
        },
        {
          heading: 'Personvern',
          paragraphs: ['Hva vi lagrer og hvordan du sletter det, står på personvernsiden (/personvern).'],
        },
      ],
    },
    nn: {
      title: 'Vilkår for bruk av Veileder',
      intro: 'Veileder er gratis å bruke. Når du brukar han, godtek du desse vilkåra.',
      sections: [
        {
          heading: 'Råd, ikkje vedtak',
          paragraphs: [
            'Forslaga er rettleiing ut frå det du fortel og katalogen tilbydarane publiserer. Pris, datoar, opptak og godkjenning blir avgjorde av tilbydaren: sjekk hos dei før du meldar deg på.',
            'Svar kan vere feil, særleg når dei blir laga av ein språkmodell. Kvar grunngiving viser kva ho byggjer på.',
          ],
        },
        {
          heading: 'Kva du skriv',
          paragraphs: [
            'Ikkje skriv helseopplysningar, fødselsnummer eller andre sensitive opplysningar i chatten; Veileder treng dei ikkje.',
            'Ikkje bruk tenesta til å prøve å skade henne eller andre, eller til å hente ut katalogen i eit omfang som går ut over bruken til andre (det er grenser per klient).',
          ],
        },
        {
          heading: 'Kursbevis',
          paragraphs: [
            'Eit kursbevis frå Veileder er eit signert Open Badges 3.0-bevis. Sjekken på /verify fortel om signaturen held, kven som har skrive det ut, om det er gyldig og om det er trekt tilbake. Bevis frå andre utskrivarar blir berre stadfesta som gyldige når utskrivaren står på lista over godkjende utskrivarar i tenesta.',
          ],
        },
        {
          heading: 'Personvern',
          paragraphs: ['Kva vi lagrar og korleis du slettar det, står på personvernsida (/personvern).'],
        },
      ],
    },
    en: {
      title: 'Terms of use for Veileder',
      intro: 'Veileder is free to use. By using it you accept these terms.',
      sections: [
        {
          heading: 'Advice, not decisions',
          paragraphs: [
            'Suggestions are guidance based on what you tell and on the catalogue providers publish. Price, dates, admission and accreditation are the provider’s to decide: check with them before you enrol.',
            'Answers can be wrong, especially when a language model writes them. Every reason shows what it rests on.',
          ],
        },
        {
          heading: 'What you write',
          paragraphs: [
            'Do not write health information, national identity numbers or other sensitive data in the chat; Veileder does not need them.',
            'Do not use the service to try to harm it or others, or to harvest the catalogue beyond fair use (there are limits per client).',
          ],
        },
        {
          heading: 'Credentials',
          paragraphs: [
            'A credential from Veileder is a signed Open Badges 3.0 credential. The check at /verify tells whether the signature holds, who issued it, whether it is valid and whether it was revoked. Credentials of other issuers are only confirmed as valid when the issuer is on the service’s list of trusted issuers.',
          ],
        },
        {
          heading: 'Privacy',
          paragraphs: ['What we store and how to delete it is on the privacy page (/personvern).'],
        },
      ],
    },
  };
  return pages[options.language];
}
