/**
 * The judged set's organisations: eight real kinds of Norwegian business and public service, one per
 * industry the issue names, with the roles such a place has (STYRK-08) and their headcounts. Organisation
 * numbers are valid (modulus 11) but made up.
 */

export type EvalOrganisation = {
  name: string;
  organisationNumber: string;
  industryCode: string;
  county: string;
  size: number;
  learningBudgetNok: number;
  hoursPerWeek: number;
  roles: { styrkCode: string; title: string; headcount: number }[];
};

export const evalOrganisations: EvalOrganisation[] = [
  {
    name: 'Fjordbygg AS',
    organisationNumber: '974760673',
    industryCode: '41.200',
    county: 'Vestland',
    size: 24,
    learningBudgetNok: 3_000,
    hoursPerWeek: 2,
    roles: [
      { styrkCode: '7115', title: 'Tømrer', headcount: 14 },
      { styrkCode: '7411', title: 'Elektriker', headcount: 6 },
      { styrkCode: '3123', title: 'Anleggsleder', headcount: 4 },
    ],
  },
  {
    name: 'Solbakken sykehjem',
    organisationNumber: '910000004',
    industryCode: '87.102',
    county: 'Innlandet',
    size: 60,
    learningBudgetNok: 8_000,
    hoursPerWeek: 2,
    roles: [
      { styrkCode: '5321', title: 'Helsefagarbeider', headcount: 30 },
      { styrkCode: '2223', title: 'Sykepleier', headcount: 20 },
      { styrkCode: '1343', title: 'Avdelingsleder', headcount: 3 },
    ],
  },
  {
    name: 'Nærbutikken Sandnes AS',
    organisationNumber: '910012371',
    industryCode: '47.111',
    county: 'Rogaland',
    size: 18,
    learningBudgetNok: 2_000,
    hoursPerWeek: 1,
    roles: [
      { styrkCode: '5223', title: 'Butikkmedarbeider', headcount: 14 },
      { styrkCode: '1420', title: 'Butikksjef', headcount: 1 },
      { styrkCode: '4321', title: 'Lagermedarbeider', headcount: 3 },
    ],
  },
  {
    name: 'Kodeverket AS',
    organisationNumber: '910024744',
    industryCode: '62.010',
    county: 'Oslo',
    size: 35,
    learningBudgetNok: 20_000,
    hoursPerWeek: 4,
    roles: [
      { styrkCode: '2512', title: 'Systemutvikler', headcount: 25 },
      { styrkCode: '3512', title: 'IT-brukerstøtte', headcount: 6 },
      { styrkCode: '1330', title: 'Teknologileder', headcount: 2 },
    ],
  },
  {
    name: 'Midt-Norsk Transport AS',
    organisationNumber: '910037110',
    industryCode: '49.410',
    county: 'Trøndelag',
    size: 40,
    learningBudgetNok: 5_000,
    hoursPerWeek: 2,
    roles: [
      { styrkCode: '8332', title: 'Lastebilsjåfør', headcount: 25 },
      { styrkCode: '8344', title: 'Truckfører', headcount: 8 },
      { styrkCode: '4321', title: 'Lagermedarbeider', headcount: 5 },
      { styrkCode: '1324', title: 'Transportleder', headcount: 2 },
    ],
  },
  {
    name: 'Lofoten Fjordhotell AS',
    organisationNumber: '910049488',
    industryCode: '55.101',
    county: 'Nordland',
    size: 30,
    learningBudgetNok: 3_000,
    hoursPerWeek: 1,
    roles: [
      { styrkCode: '5120', title: 'Kokk', headcount: 6 },
      { styrkCode: '5131', title: 'Servitør', headcount: 10 },
      { styrkCode: '4224', title: 'Resepsjonist', headcount: 5 },
      { styrkCode: '1411', title: 'Hotellsjef', headcount: 1 },
    ],
  },
  {
    name: 'Sunnmøre Stål AS',
    organisationNumber: '910061852',
    industryCode: '25.110',
    county: 'Møre og Romsdal',
    size: 50,
    learningBudgetNok: 10_000,
    hoursPerWeek: 2,
    roles: [
      { styrkCode: '7212', title: 'Sveiser', headcount: 20 },
      { styrkCode: '7233', title: 'Industrimekaniker', headcount: 8 },
      { styrkCode: '8121', title: 'Prosessoperatør', headcount: 10 },
      { styrkCode: '1321', title: 'Produksjonsleder', headcount: 2 },
    ],
  },
  {
    name: 'Lindesnes kommune',
    organisationNumber: '910074229',
    industryCode: '84.110',
    county: 'Agder',
    size: 120,
    learningBudgetNok: 6_000,
    hoursPerWeek: 2,
    roles: [
      { styrkCode: '2422', title: 'Saksbehandler', headcount: 30 },
      { styrkCode: '2342', title: 'Barnehagelærer', headcount: 40 },
      { styrkCode: '9112', title: 'Renholder', headcount: 20 },
      { styrkCode: '5153', title: 'Vaktmester', headcount: 6 },
    ],
  },
];
