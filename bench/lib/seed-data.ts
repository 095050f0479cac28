import { createHash } from 'node:crypto';

// The vocabulary of the seeded data, shared by the seeding SQL and the scenarios that must find
// what was seeded (search terms, credential values).

const words = (text: string) => text.trim().split(/\s+/);

export const FIRST_NAMES = words(`
  Amelia Noah Olivia Liam Emma Mateo Ava Lucas Sofia Elijah Isabella Hugo Mia Leo Chloe
  Arjun Zoe Kenji Freya Omar Nora Ibrahim Clara Tomas Leila Felix Ines Rafael Yara Soren
  Aisha Jonas Maya Diego Hannah Kwame Elena Luca Amara Finn Priya Marco Lina Oscar Naomi
  Emil Sara Theo Alma Ravi Julia Anton Eva Malik Greta Pablo Ada Nikolai Iris Samuel Lea
  Tariq Vera Bruno
`);

export const LAST_NAMES = words(`
  Garcia Smith Tanaka Okafor Müller Rossi Novak Silva Kowalski Nguyen Haddad Johansson
  Dubois Moreau Kim Patel Fischer Lopez Ivanova Costa Jensen Murphy Schmidt Yilmaz Santos
  Andersen Kaur Bianchi Mensah Sato Horvath Lindqvist Fernandez Nowak Petrov Ali Hoffmann
  Ricci Laine Park Oliveira Wagner Chen Eriksson Torres Varga Popescu Meyer Romano Singh
  Becker Mendes Hansen Walsh Zhang Kovacs Nielsen Suzuki Adeyemi Larsen Marino Dimitrov
  Herrera Weber Bakker Ortiz Keller Sandoval Abe Brennan Castillo Dahl Esposito Falk Gallo
  Hayes Ito Jovanovic Koch Lund Molina Nakamura Olsen Pereira Quinn Reyes Stewart Toth Ueda
  Vasquez Wolf Xu Young Zimmermann Akhtar Bauer Conti Diaz Engel Fuchs Greco Hughes Iqbal
  Janssen Klein Lang Moretti Nagy Ostrowski Pham Ramos Schulz Takahashi Vogel Wright
  Yamamoto Zeller Berg Carter Dalton Ekström Ford Grant Holm Ibarra Jung Kerr Lam
`);

/** Email domains: a search for one hits a large share of the rows, as real ones do. */
export const DOMAINS = ['example.com', 'mail.example.org', 'corp.example.net', 'inbox.example.io'];

/** SQL text of a literal array, for `(array[...])[1 + n % length]`. */
export const sqlArray = (values: readonly string[]) =>
  `array[${values.map((value) => `'${value.replace(/'/g, "''")}'`).join(',')}]`;

/**
 * What the search scenario looks for: a last name, a first name, a first.last email fragment, a
 * phone fragment, and a mixed-case name, as people type them. Each hits from a few dozen to a
 * few thousand of the seeded rows.
 */
export const SEARCH_TERMS = ['okafor', 'Amelia', 'noah.tanaka', '555-0142', 'Lindqvist', 'kim'];

/**
 * The value of the seeded QR credential of project attendee `n`: 24 base64 characters of a hash,
 * like the unguessable tokens Turnout generates. The seeding SQL computes the same.
 */
export const credentialValue = (n: number): string =>
  createHash('sha256').update(`bench-qr-${n}`).digest().subarray(0, 18).toString('base64');

export const CREDENTIAL_VALUE_SQL = (n: string) =>
  `encode(substring(sha256(convert_to('bench-qr-' || ${n}, 'UTF8')) from 1 for 18), 'base64')`;
