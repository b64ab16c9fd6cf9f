import { writeFile } from 'node:fs/promises';

/**
 * A CSV as an older Norwegian system exports it: Latin-1, CRLF line ends, a description quoted across two
 * lines, and a stray quote in the record on line 37. Every record names a place with å, so read as UTF-8
 * every one of them would be rejected. Columns as tests/fixtures/catalogue/small-courses.mapping.json.
 */
export const latin1Lines = { multiLine: 10, badQuote: 37, afterBadQuote: 38, last: 41 } as const;

export async function writeLatin1Csv(file: string): Promise<void> {
  const lines = ['kode,navn,tilbyder,sted,beskrivelse,lenke,pris'];
  while (lines.length < latin1Lines.last) {
    const line = lines.length + 1;
    if (line === latin1Lines.multiLine)
      lines.push(
        `L${line},Sveising på Åsane,Sveiseskolen AS,Bergen,"Kurs over to helger,`,
        `med praksis på verkstedet.",https://sveis.example.no/l${line},4500`,
      );
    else if (line === latin1Lines.badQuote)
      lines.push(`L${line},Kurs i "ærlig" håndverk,Sveiseskolen AS,Hamar,Sløyd,https://sveis.example.no/l${line},4500`);
    else
      lines.push(
        `L${line},Kurs ${line} på Hamar,Sveiseskolen AS,Hamar,Grunnkurs for små og store,https://sveis.example.no/l${line},4500`,
      );
  }
  await writeFile(file, Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1'));
}
