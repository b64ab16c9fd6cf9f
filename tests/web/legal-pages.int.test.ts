import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHttpApp } from '../../adapters/web/server.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

// The Teams manifest names /personvern and /vilkar (developer.privacyUrl, termsOfUseUrl): they must answer
// in the three languages, and the privacy page must tell the retention the server really applies.

let database: TestDatabase;
let server: Server;
let base: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const app = createHttpApp({ database, publicUrl: 'https://veileder.example.no', retentionDays: 180 });
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await database?.drop();
});

it.each([
  ['nb', 'Personvern i Veileder', 'Samtaler du ikke har brukt på 180 dager', 'eksporter dataene mine'],
  ['nn', 'Personvern i Veileder', 'Samtalar du ikkje har brukt på 180 dagar', 'gløym meg'],
  ['en', 'Privacy in Veileder', 'not used for 180 days', 'forget me'],
])(
  '/personvern answers in %s with the configured retention and the chat commands',
  async (language, title, retention, command) => {
    const response = await fetch(`${base}/personvern?lang=${language}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain(`<html lang="${language}">`);
    expect(html).toContain(title);
    expect(html).toContain(retention);
    expect(html).toContain(command);
  },
);

it.each([
  ['nb', 'Vilkår for bruk av Veileder'],
  ['nn', 'Vilkår for bruk av Veileder'],
  ['en', 'Terms of use for Veileder'],
])('/vilkar answers in %s', async (language, title) => {
  const response = await fetch(`${base}/vilkar?lang=${language}`);
  expect(response.status).toBe(200);
  const html = await response.text();
  expect(html).toContain(`<html lang="${language}">`);
  expect(html).toContain(title);
  expect(html).toContain('/personvern');
});

it('follows the browser’s language when no ?lang is given, Bokmål otherwise', async () => {
  expect(
    await (await fetch(`${base}/personvern`, { headers: { 'accept-language': 'en-GB,en;q=0.9' } })).text(),
  ).toContain('Privacy in Veileder');
  expect(await (await fetch(`${base}/vilkar`, { headers: { 'accept-language': 'nn' } })).text()).toContain(
    '<html lang="nn">',
  );
  expect(await (await fetch(`${base}/personvern`)).text()).toContain('<html lang="nb">');
});
