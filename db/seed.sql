-- Demo data for local development and the black-box tests. Idempotent: safe to apply twice.
INSERT OR IGNORE INTO providers (number, name, address, email) VALUES
  ('DV.O123456', 'dienstverlener kmo-portefeuille', 'Koning Albert II laan 35 bus 12, 1030 Brussel', 'kmo-portefeuille@vlaanderen.be'),
  ('DV.O222774', 'Opleidingscentrum Vlaanderen', 'Ter Waarde 1, 8900 Ieper', 'opleidingen@example.be'),
  ('DV.0100275', 'Syntra Midden-Vlaanderen Campus Aalst', 'Kwalestraat 154, 9320 Aalst', 'aalst@example.be'),
  ('DV.O223914', 'Skilled by Syntra', 'Kwalestraat 154, 9320 Aalst', 'skilled@example.be'),
  ('DV.0104945', 'Cyberveilig Advies nv', 'Kortrijksesteenweg 100, 9000 Gent', 'advies@example.be');

INSERT OR IGNORE INTO provider_services (provider_number, service) VALUES
  ('DV.O123456', 'training'),
  ('DV.O222774', 'training'),
  ('DV.0100275', 'training'),
  ('DV.O223914', 'training'),
  ('DV.0104945', 'training'),
  ('DV.0104945', 'advice');

INSERT OR IGNORE INTO provider_themes (provider_number, theme, subtheme) VALUES
  ('DV.O123456', 'digitalisering', 'software'),
  ('DV.O123456', 'digitalisering', 'onlinetoepassingen'),
  ('DV.O222774', 'bedrijfsstrategie', ''),
  ('DV.O222774', 'personeelsmanagement', ''),
  ('DV.0100275', 'beroepsspecifieke-competenties', ''),
  ('DV.0100275', 'financiele-geletterdheid', ''),
  ('DV.O223914', 'duurzaamheid', ''),
  ('DV.O223914', 'innovatie', ''),
  ('DV.0104945', 'digitalisering', 'cybersecurity');

-- Demo enterprises with a wallet: what they declared when they registered (shared::kbo::Declared).
-- Their KBO facts (legal form, status, establishments, main activity) come from the KBO sample
-- in db/kbo/full, loaded by scripts/kbo-import.sh before this file; other enterprises of that
-- sample have no wallet yet and register through the portal.
INSERT OR IGNORE INTO enterprises (number, name, email, refund_iban, declared, registered_by, email_confirmed_at) VALUES
  ('0403227515', 'Bakkerij Peeters bv', 'info@bakkerij-peeters.example', 'BE68539007547034',
   '{"public_participation":"0","size":"small","de_minimis_aid":[]}', 'demo', datetime('now')),
  ('0417497106', 'Metaalwerken Claes nv', 'boekhouding@claes-metaal.example', 'BE71096123456769',
   '{"public_participation":"0","size":"medium","de_minimis_aid":[]}', 'demo', datetime('now')),
  ('0860000119', 'Grootbedrijf Vlaanderen nv', 'info@groot.example', 'BE62510007547061',
   '{"public_participation":"0","size":"large","de_minimis_aid":[]}', 'demo', datetime('now')),
  ('0412345614', 'Drukkerij Janssens bv', 'info@drukkerij-janssens.example', 'BE68539007547034',
   '{"public_participation":"0","size":"small","de_minimis_aid":[]}', 'demo', datetime('now')),
  ('0423456765', 'Schrijnwerkerij Maes bv', 'info@maes-schrijnwerk.example', 'BE71096123456769',
   '{"public_participation":"0","size":"medium","de_minimis_aid":[]}', 'demo', datetime('now')),
  ('0434567819', 'IT-Consult Wouters bv', 'info@wouters-it.example', 'BE68539007547034',
   '{"public_participation":"0","size":"small","de_minimis_aid":[]}', 'demo', datetime('now')),
  ('0445678970', 'Boekhouding Wouters & Co commv', 'info@wouters-co.example', 'BE68539007547034',
   '{"public_participation":"0","size":"small","de_minimis_aid":[]}', 'demo', datetime('now')),
  ('0456789034', 'Bouwbedrijf Jacobs bv', 'info@jacobs-bouw.example', 'BE71096123456769',
   '{"public_participation":"0","size":"small","de_minimis_aid":[]}', 'demo', datetime('now')),
  ('0478912358', 'Tuinaanleg Verhoeven bv', 'info@verhoeven-tuinen.example', 'BE71096123456769',
   '{"public_participation":"0","size":"small","de_minimis_aid":[]}', 'demo', datetime('now'));
