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

-- Demo enterprises. facts: shared::enterprise::EnterpriseFacts.
INSERT OR IGNORE INTO enterprises (number, name, email, refund_iban, facts) VALUES
  ('0403227515', 'Bakkerij Peeters bv', 'info@bakkerij-peeters.example', 'BE68539007547034',
   '{"legal_form":"bv","kbo_status":"active","in_formation":false,"establishment_region":"flemish","public_participation":"0","main_activity":"10710","size":"small","de_minimis_aid":[]}'),
  ('0417497106', 'Metaalwerken Claes nv', 'boekhouding@claes-metaal.example', 'BE71096123456769',
   '{"legal_form":"nv","kbo_status":"active","in_formation":false,"establishment_region":"flemish","public_participation":"0","main_activity":"25110","size":"medium","de_minimis_aid":[]}'),
  ('0860000119', 'Grootbedrijf Vlaanderen nv', 'info@groot.example', 'BE62510007547061',
   '{"legal_form":"nv","kbo_status":"active","in_formation":false,"establishment_region":"flemish","public_participation":"0","main_activity":"46900","size":"large","de_minimis_aid":[]}'),
  ('0412345614', 'Drukkerij Janssens bv', 'info@drukkerij-janssens.example', 'BE68539007547034',
   '{"legal_form":"bv","kbo_status":"active","in_formation":false,"establishment_region":"flemish","public_participation":"0","main_activity":"18120","size":"small","de_minimis_aid":[]}'),
  ('0423456765', 'Schrijnwerkerij Maes bv', 'info@maes-schrijnwerk.example', 'BE71096123456769',
   '{"legal_form":"bv","kbo_status":"active","in_formation":false,"establishment_region":"flemish","public_participation":"0","main_activity":"16230","size":"medium","de_minimis_aid":[]}'),
  ('0434567819', 'IT-Consult Wouters bv', 'info@wouters-it.example', 'BE68539007547034',
   '{"legal_form":"bv","kbo_status":"active","in_formation":false,"establishment_region":"flemish","public_participation":"0","main_activity":"62020","size":"small","de_minimis_aid":[]}'),
  ('0445678970', 'Boekhouding Wouters & Co commv', 'info@wouters-co.example', 'BE68539007547034',
   '{"legal_form":"commv","kbo_status":"active","in_formation":false,"establishment_region":"flemish","public_participation":"0","main_activity":"69201","size":"small","de_minimis_aid":[]}'),
  ('0456789034', 'Bouwbedrijf Jacobs bv', 'info@jacobs-bouw.example', 'BE71096123456769',
   '{"legal_form":"bv","kbo_status":"active","in_formation":false,"establishment_region":"flemish","public_participation":"0","main_activity":"41201","size":"small","de_minimis_aid":[]}'),
  ('0478912358', 'Tuinaanleg Verhoeven bv', 'info@verhoeven-tuinen.example', 'BE71096123456769',
   '{"legal_form":"bv","kbo_status":"active","in_formation":false,"establishment_region":"flemish","public_participation":"0","main_activity":"81300","size":"small","de_minimis_aid":[]}');
