SET client_encoding = 'UTF8';

COPY public."Agencies" (id, agency, acronym, "createdAt", "updatedAt") FROM stdin;
1	Department of State	DOS	2019-03-13 16:44:44.902	2019-03-13 16:44:44.902
2	Federal Widget Office	FWO	2019-03-13 16:44:44.902	2019-03-13 16:44:44.902
3	Office of Nothing		2019-03-13 16:44:44.902	2019-03-13 16:44:44.902
\.
