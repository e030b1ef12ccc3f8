"""Messages for editors: one table of stable codes, and one format to print them.

Every rule the validator (and later the link checker) enforces has a code here, with a
Dutch title and a hint saying what to do. The editors' guide is generated from CODES, so
the table and the messages cannot drift apart.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    title: str
    hint: str


def _rules(*rows: tuple[str, Severity, str, str]) -> dict[str, Rule]:
    return {code: Rule(code, sev, title, hint) for code, sev, title, hint in rows}


E, W = Severity.ERROR, Severity.WARNING

CODES: dict[str, Rule] = _rules(
    # Y: reading the file
    ("Y001", E, "YAML-fout: het bestand is niet te lezen",
     "Controleer inspringing (spaties, geen tabs) en zet tekst met een dubbele punt "
     "tussen aanhalingstekens."),
    ("Y002", E, "Dubbele sleutel in hetzelfde blok",
     "Een sleutel mag per blok maar één keer voorkomen; verwijder of hernoem de tweede."),
    ("Y003", E, "Leeg bestand of geen blok met sleutels",
     "Het bestand moet beginnen met sleutels zoals 'id:' en 'name:'."),
    ("Y004", E, "Bestand ontbreekt",
     "Zet het bestand terug (zie git) of maak het opnieuw aan."),
    ("Y005", E, "Bestand is geen UTF-8",
     "Sla het bestand op als UTF-8 (in de meeste editors: 'Opslaan als', codering UTF-8) en "
     "controleer letters met accenten op de genoemde regel."),
    ("Y006", E, "Byte-order mark (BOM) aan het begin van het bestand",
     "Sla het bestand op als 'UTF-8' zonder BOM (niet als 'UTF-8 met BOM'); het onzichtbare "
     "teken aan het begin verdwijnt dan."),
    ("Y007", E, "Tab in de inspringing",
     "YAML telt alleen spaties: vervang de tab aan het begin van de regel door spaties, twee "
     "per niveau, zoals op de regels eromheen."),
    ("Y008", E, "Onzichtbaar stuurteken in de tekst",
     "Haal het teken weg (vaak meegekopieerd uit een ander programma): typ het woord op die "
     "plek opnieuw."),
    ("Y009", E, "Aanhalingsteken niet gesloten",
     "Sluit de tekst af met hetzelfde aanhalingsteken als waarmee ze begint (\" of '), op "
     "dezelfde regel."),
    ("Y010", E, "Anker of verwijzing (& of *) niet toegestaan",
     "Schrijf de waarde voluit. Ankers (&naam) en verwijzingen (*naam) zijn in deze bestanden "
     "niet toegestaan: een paar regels kunnen zo uitgroeien tot miljoenen waarden. Begint een "
     "tekst met & of *, zet hem dan tussen aanhalingstekens."),
    ("Y011", E, "YAML-tag (!) niet toegestaan",
     "Haal de tag weg (zoals !include of !!str); begint een tekst met !, zet hem dan tussen "
     "aanhalingstekens."),
    ("Y012", E, "Te diep genest",
     "Controleer de haakjes [ ] en { } en de inspringing; geen bestand van de site heeft meer "
     "dan 20 niveaus nodig."),
    ("Y013", E, "Symbolische link (of ander bijzonder bestand) niet toegestaan",
     "Zet het echte bestand op deze plek in plaats van een link; een link wordt nooit gevolgd."),
    ("Y014", E, "Bestand te groot",
     "Een gegevensbestand of pagina is kleiner dan 250 kB en heeft hoogstens 10.000 "
     "waarden; splits het bestand of haal overbodige tekst weg."),
    # D: dates (read once, the same way by validate and build)
    ("D001", E, "Datum bestaat niet",
     "Schrijf een bestaande datum als JJJJ-MM-DD, bijv. 2026-02-28 (februari heeft 28 dagen, "
     "29 in een schrikkeljaar; april, juni, september en november hebben er 30)."),
    ("D002", E, "Datum ligt in de toekomst",
     "Deze datum zegt wanneer iets gelezen of gecontroleerd is; dat kan niet later zijn dan "
     "vandaag. Schrijf de dag waarop het echt gebeurde."),
    # S: schema
    ("S001", E, "Onbekende sleutel",
     "Controleer de spelling; alleen de sleutels uit het schema zijn toegestaan."),
    ("S002", E, "Verplichte sleutel ontbreekt",
     "Voeg de sleutel toe; zie het schema of een bestaand bestand als voorbeeld."),
    ("S003", E, "Waarde niet toegestaan",
     "Kies een van de toegestane waarden."),
    ("S004", E, "Verkeerd soort waarde",
     "Bijvoorbeeld tekst waar een lijst hoort; kijk naar een bestaand bestand."),
    ("S005", E, "Waarde heeft niet de juiste vorm",
     "Datums als 2026-01-31, tijden als 09:00, ids in kleine letters met streepjes."),
    ("S009", E, "Waarde klopt niet met het schema",
     "Vergelijk met het schema in portal/schemas/."),
    # I: ids
    ("I001", E, "Bestandsnaam en id verschillen",
     "Het id moet gelijk zijn aan de bestandsnaam zonder .yml."),
    ("I002", E, "Id komt twee keer voor",
     "Elk id mag maar één keer bestaan; kies een ander id."),
    ("I003", E, "Id is geen geldige korte naam",
     "Gebruik alleen kleine letters, cijfers en streepjes, bijv. veilig-thuis-zuid-limburg."),
    ("I004", E, "Plaats bij twee gemeenten",
     "Zet elk dorp of elke wijk bij één gemeente (places in data/municipalities.yml), en "
     "niet de naam van een gemeente: zoekt iemand op die plaats, dan vindt ze één pagina. "
     "Ligt een dorp echt in twee gemeenten, zet het dan bij de gemeente met het grootste "
     "deel."),
    # C: contact data
    ("C001", E, "Telefoonnummer ongeldig",
     "Schrijf een Nederlands nummer zoals de organisatie het publiceert, bijv. 0800-2000 "
     "of 043-1234567."),
    ("C002", E, "E-mailadres ongeldig",
     "Controleer het adres op typfouten, bijv. naam@organisatie.nl."),
    ("C003", E, "Webadres ongeldig of niet beveiligd",
     "Gebruik een volledig adres dat met https:// begint."),
    ("C004", E, "Waarde past niet bij het soort kanaal",
     "Een telefoon- of WhatsApp-kanaal heeft een nummer, e-mail een adres, chat en "
     "webformulier een https-adres."),
    ("C005", E, "Soort telefoonnummer niet toegestaan",
     "Kijk in de tabel 'Welke telefoonnummers mogen' in CONTRIBUTING.md: betaalnummers "
     "(0906, 0909), persoonlijke nummers (084, 087), piepers (066) en nummers voor apparaten "
     "(097) horen nergens op de site, ook niet in een naam, label, titel of tekst."),
    ("C006", E, "Soort telefoonnummer staat niet in de tabel",
     "Alleen de soorten uit de tabel 'Welke telefoonnummers mogen' in CONTRIBUTING.md "
     "mogen. Klopt het nummer toch, vraag de beheerders dan de soort aan de tabel toe te "
     "voegen (portal/data/contacts.py)."),
    ("C007", W, "0900-nummer zonder kosten met bron",
     "Zet bij het kanaal 'cost' met 'description' (wat bellen kost, zoals de bron het zegt, "
     "bijv. lokaal tarief) en 'source' (waar dat staat, met de datum)."),
    ("C008", E, "E-mailadres met een naam, ?, % of &",
     "Schrijf alleen het adres zelf, bijv. info@organisatie.nl: zonder naam of punthaken, "
     "zonder iets na een vraagteken, zonder %, & of andere bijzondere tekens."),
    ("C009", E, "Webadres met een spatie, een vreemd teken of iets vóór de domeinnaam",
     "Kopieer het adres uit de adresbalk van de browser: https://, de domeinnaam en dan het "
     "pad, zonder spaties of aanhalingstekens, en zonder naam@ vóór de domeinnaam."),
    # E: characters that a value may not hold
    ("E001", E, "Regeleinde of tab in een waarde van één regel",
     "Een nummer, adres, label, naam of titel staat op één regel. Haal het regeleinde of de "
     "tab weg (de melding noemt het teken, bijv. U+000A); anders komt er in een vCard, CSV "
     "of poster een regel bij."),
    ("E002", E, "Teken dat in geen bestand past",
     "Haal het teken weg dat de melding noemt (bijv. U+D800, een half teken uit een "
     "kapotte kopie); typ de tekst desnoods opnieuw."),
    # R: references
    ("R001", E, "Onbekende organisatie",
     "Gebruik het id van een bestand in data/organisations/."),
    ("R002", E, "Onbekend kanaal van deze organisatie",
     "Gebruik het id van een kanaal dat in het bestand van die organisatie staat."),
    ("R003", E, "Onbekende rol",
     "Gebruik een rol uit data/roles.yml."),
    ("R004", E, "Rol niet ingevuld voor een gemeente",
     "Vul de rol in bij de gemeente of haar regio, of zet 'unknown' met een toelichting."),
    ("R005", E, "Onbekende regio of subregio",
     "Gebruik een regio uit data/municipalities.yml."),
    ("R006", E, "Onbekende gemeente",
     "Gebruik het id van een gemeente uit data/municipalities.yml."),
    ("R007", E, "Onbekende route in de Wegwijzer",
     "Gebruik het id van een bestand in data/routes/, of haal het id weg uit "
     "data/wegwijzer.yml."),
    ("R008", W, "Route niet te vinden in de Wegwijzer",
     "Zet in data/wegwijzer.yml bij deze doelgroep een keuze met dit 'urgency' (hoe "
     "dringend), of noem de route bij 'routes' van een andere keuze."),
    # B: safety of victims
    ("B001", E, "Adres van een verblijfplaats van slachtoffers",
     "Organisaties waar slachtoffers wonen of verblijven krijgen nooit een openbaar adres: "
     "verwijder het adres (en een inloop-kanaal met adres)."),
    ("B002", E, "Straatadres bij een plek waar slachtoffers verblijven",
     "Haal straat en huisnummer weg, uit elk veld (ook naam, labels, toelichtingen en "
     "notities): mensenhandelaren mogen niet kunnen vinden waar slachtoffers zijn. "
     "Hulpverleners vragen het adres bij de organisatie zelf."),
    ("B003", E, "Postcode bij een plek waar slachtoffers verblijven",
     "Haal de postcode weg, uit elk veld: een postcode wijst een paar straten aan."),
    ("B004", E, "Huisnummer bij een plek waar slachtoffers verblijven",
     "Haal het huisnummer weg, uit elk veld."),
    ("B005", E, "Coördinaten bij een plek waar slachtoffers verblijven",
     "Haal de coördinaten (ook graden of een pluscode) weg: ze wijzen het gebouw aan."),
    ("B006", E, "Kaartlink bij een plek waar slachtoffers verblijven",
     "Haal de link naar Google Maps, OpenStreetMap, Apple Kaarten, Waze, what3words of een "
     "andere kaart (ook geo:) weg."),
    ("B007", E, "Plaatsnaam bij een plek waar slachtoffers verblijven",
     "Noem geen gemeente, dorp of kern: schrijf de regio (bijv. Zuid-Limburg) of 'Limburg'."),
    ("B008", E, "Werkgebied van een plek waar slachtoffers verblijven kleiner dan een regio",
     "Zet service_area.scope op regions (met een regio), province of national: één of een "
     "paar gemeenten wijzen de plek aan."),
    ("B009", E, "Kanaal dat naar een plek leidt",
     "Een plek waar slachtoffers verblijven heeft geen kanaal met een adres, kaart of "
     "coördinaten; gebruik telefoon, e-mail, chat of een webformulier zonder adres."),
    ("B010", W, "Postcode in openbare tekst",
     "Een adres hoort alleen bij 'address' of een inloop-kanaal van een organisatie waar "
     "geen slachtoffers verblijven. Is het de plek waar slachtoffers verblijven, haal het "
     "dan weg."),
    ("B011", W, "Straatadres in openbare tekst",
     "Een adres hoort alleen bij 'address' of een inloop-kanaal van een organisatie waar "
     "geen slachtoffers verblijven. Is het de plek waar slachtoffers verblijven, haal het "
     "dan weg."),
    ("B012", E, "Bron van een plek waar slachtoffers verblijven noemt de plaats",
     "De bron (link en toelichting) staat op de site. Kies een bron die de plaats niet "
     "noemt, of beschrijf de bron in 'note' zonder link en zonder de plaats."),
    # H: markup and scripts in data and pages (portal/checks/htmlscan.py)
    ("H001", E, "HTML in gegevens",
     "Gegevens worden als gewone tekst getoond. Haal de HTML (ook een commentaar <!-- -->) "
     "weg en schrijf gewone tekst."),
    ("H002", E, "Adres dat een script uitvoert",
     "Adressen met javascript:, data: of vbscript: zijn nooit toegestaan; gebruik een "
     "https-adres of een pagina van deze site."),
    ("H003", E, "Onzichtbaar teken in de tekst",
     "Verwijder het teken (bijv. een richtingsteken of stuurteken uit een kopie); typ de "
     "tekst opnieuw als u het niet ziet."),
    ("H004", E, "HTML-element niet toegestaan in een pagina",
     "Gebruik Markdown. Toegestaan zijn alleen onschuldige elementen zoals <br>, <span>, "
     "<div>, <details> (zie portal/checks/htmlscan.py); nooit <script>, <iframe>, <object>, "
     "<form> of <style>."),
    ("H005", E, "HTML-attribuut niet toegestaan",
     "Gebruik alleen attributen zoals class, id, lang, href, src en alt; nooit on...= "
     "(scripts) of style."),
    ("H006", E, "HTML-commentaar niet gesloten",
     "Sluit het commentaar met --> of haal <!-- weg; anders verdwijnt de rest van de "
     "pagina."),
    ("H007", E, "HTML in titel of beschrijving",
     "De titel en de beschrijving in de front matter zijn gewone tekst, zonder tags."),
    # M: Markdown pages
    ("M001", E, "Telefoonnummer direct in tekst",
     "Een nummer staat alleen bij een kanaal in data/organisations/; verwijs in pagina's en "
     "teksten naar de organisatie, zo verandert een nummer op één plek."),
    ("M002", E, "E-mailadres direct in tekst",
     "Een e-mailadres staat alleen bij een kanaal in data/organisations/; verwijs ernaar."),
    # G: files under docs/ (the trust boundary of a pull request, portal/checks/docsfiles.py)
    ("G001", E, "Soort bestand niet toegestaan in docs/",
     "In docs/ horen alleen pagina's (.md) en afbeeldingen of folders als .png, .jpg, .jpeg, "
     ".gif, .webp of .pdf. Zet een ander bestand niet op de site; vraag de beheerders als "
     "het echt nodig is."),
    ("G002", E, "Script of stijlblad buiten docs/assets/",
     "De eigen scripts (.js) en stijlen (.css) van de site staan alleen direct in "
     "docs/assets/, en alleen de beheerders wijzigen ze. Haal het bestand weg."),
    ("G003", E, "Inhoud past niet bij de naam van het bestand",
     "Het bestand is iets anders dan de extensie zegt (bijv. een webpagina met de naam "
     "foto.png). Sla de afbeelding opnieuw op als echte PNG, JPEG, GIF of WebP, of de folder "
     "als PDF, en voeg die toe."),
    ("G004", E, "Symbolische link in docs/",
     "Zet het echte bestand op de plek van de link; een link wordt nooit gevolgd of "
     "gepubliceerd."),
    ("G005", E, "SVG-afbeelding niet toegestaan",
     "Een SVG kan scripts bevatten die op de site zouden draaien. Zet de afbeelding om naar "
     "PNG of WebP (bijv. met 'Exporteren als' in het tekenprogramma) en voeg die toe."),
    ("G006", E, "HTML-bestand niet toegestaan",
     "Een HTML-bestand kan scripts bevatten die op de site zouden draaien. Schrijf de tekst "
     "als pagina in Markdown (.md), of zet het document om naar PDF."),
    ("G007", E, "Bestand te groot voor de site",
     "Een afbeelding of PDF is hoogstens 5 MB: verklein de afbeelding (bijv. 1600 pixels "
     "breed) of sla de PDF op voor het web."),
    ("G008", E, "Bestandsnaam met spaties of bijzondere tekens",
     "Gebruik alleen letters zonder accent, cijfers, '-', '_' en '.', bijv. "
     "folder-ouders-2026.pdf; de naam staat in de link naar het bestand."),
    # P: the front matter of pages in docs/, and example text left by `portal new`
    ("P001", E, "Pagina zonder front matter",
     "Begin de pagina met een blok tussen twee regels '---' met title, description, "
     "audience, owner en last_reviewed; kijk naar een bestaande pagina."),
    ("P002", E, "Onbekende sleutel in de front matter",
     "Controleer de spelling; alleen de vijf vaste sleutels en die van het thema (search, "
     "hide, template, icon, status, subtitle, robots, en date bij een nieuwsbericht) zijn "
     "toegestaan."),
    ("P003", E, "Verplichte sleutel in de front matter ontbreekt",
     "Elke pagina heeft title, description, audience, owner en last_reviewed."),
    ("P004", E, "Waarde in de front matter niet toegestaan",
     "Kies een waarde uit de melding (audience: youth, parents, professionals of all); "
     "zie portal/schemas/page.schema.json."),
    ("P005", E, "Datum van de laatste controle klopt niet",
     "Schrijf last_reviewed als een bestaande datum JJJJ-MM-DD, bijv. 2026-01-31."),
    ("P006", E, "Eigenaar is geen team",
     "Een pagina hoort bij een team, niet bij een persoon of e-mailadres: mensen wisselen, "
     "een team blijft. Kies een team uit de melding; een nieuw team voegen de beheerders "
     "toe."),
    ("P007", W, "Voorbeeldtekst nog niet vervangen",
     "Vervang elke tekst met 'VUL IN' (uit 'portal new') door de echte tekst voordat de "
     "pagina of het bestand live gaat."),
    # T: plain Dutch (B1) on youth and parent pages (warnings; errors with --strict)
    ("T001", W, "Zin te lang",
     "Maak er twee of drie korte zinnen van, met één boodschap per zin. Knip bij 'en', "
     "'maar', 'omdat' of 'want', of zet een opsomming in een lijst."),
    ("T002", W, "Pagina moeilijk te lezen (Flesch-Douma)",
     "Maak eerst de langste zinnen korter (zie 'portal leesbaarheid') en kies kortere, "
     "gewone woorden, bijv. 'antwoord' in plaats van 'terugkoppeling'."),
    ("T003", W, "Veel lange woorden",
     "Vervang lange woorden (4 of meer lettergrepen of 13 of meer letters) door gewone, "
     "korte woorden, bijv. 'mensen die je helpen' in plaats van 'hulpverleners'."),
    # L: links in the built site (portal check-links)
    ("L001", E, "Link naar een bestand dat niet bestaat",
     "Controleer de link in de bron; verwijs naar een .md-bestand dat bestaat."),
    ("L002", E, "Link naar een anker dat niet bestaat",
     "Controleer het deel na # : het moet een kop of id op die pagina zijn."),
    ("L003", E, "Ongeldig telefoonnummer in een tel:-link",
     "Gebruik een verwijzing [[organisatie/kanaal]]; dan klopt het nummer altijd."),
    ("L004", E, "Ongeldig e-mailadres in een mailto:-link",
     "Gebruik een verwijzing [[organisatie/kanaal]] naar een e-mailkanaal."),
    ("L005", E, "Pagina niet bereikbaar vanaf de startpagina",
     "Zet de pagina in de navigatie (mkdocs.yml) of link ernaar vanaf een andere pagina."),
    # K: texts kept once in data/ and shown on several pages (portal/checks/lists.py)
    # J: the professionals' decision aid (data/beslishulp.yml, portal/checks/beslishulp.py)
    ("J001", E, "Onbekende vervolgstap in de beslishulp",
     "Zet bij 'yes' en 'no' het id van een vraag onder 'questions' of van een uitkomst "
     "onder 'outcomes'."),
    ("J002", E, "Beslishulp gaat in een kring",
     "Een vraag mag niet terugwijzen naar een vraag die op hetzelfde pad al gesteld is: "
     "elk pad eindigt bij een uitkomst."),
    ("J003", E, "Vraag of uitkomst niet te bereiken",
     "Laat een 'yes' of 'no' naar deze vraag of uitkomst wijzen, of haal haar weg."),
    ("K001", E, "Onbekende lijst",
     "Schrijf [[lijst signalen]] of [[lijst na-een-melding]], alleen op een regel."),
    ("K002", E, "Onbekende omgeving of doelgroep",
     "Gebruik een omgeving uit 'settings' in data/signals.yml (bijv. online of klusjes), "
     "of de doelgroep jongeren, ouders of professionals."),
    ("K003", E, "Lijst zonder doelgroep",
     "Zet 'audience: youth', 'parents' of 'professionals' in de front matter, of schrijf "
     "de doelgroep in de regel, bijv. [[lijst na-een-melding ouders]]."),
    ("K004", E, "Onbekende bron",
     "Noem het id van een bron onder 'sources' bovenaan hetzelfde bestand, of zet de bron "
     "daar (webadres, titel, gelezen op, zekerheid)."),
    ("K005", E, "Engelse tekst ontbreekt",
     "Vul de Engelse tekst in (wording_en of title_en) voor deze doelgroep: de Engelse "
     "pagina toont elke tekst die de Nederlandse toont."),
    ("K006", E, "Lijst is leeg",
     "Geen tekst in deze lijst is voor deze doelgroep. Kies een andere omgeving of "
     "doelgroep, of vul de tekst voor deze doelgroep in."),
    ("K007", E, "Bestand met de lijst ontbreekt",
     "Zet data/signals.yml of data/after-report.yml terug, of haal de regel weg."),
    ("K008", E, "Tekst met alleen een zwakke bron",
     "Een signaal of stap komt alleen op de site met minstens één bron met zekerheid "
     "high of medium. Zoek een betere bron, of haal de tekst weg."),
    # V: the chain map (data/keten.yml, portal/checks/keten.py)
    ("V001", W, "Verband in de ketenkaart zonder bron: niet getekend",
     "Zet onder 'source' een openbare pagina die dit verband noemt (url, title, read, "
     "confidence). Zonder bron laat de kaart het verband weg, ook uit de lijst."),
    ("V002", E, "Onbekende fase, schakel of regio in de ketenkaart",
     "Gebruik een id uit 'stages', 'actors' of 'versions' in data/keten.yml, en laat een "
     "verband alleen gelden in regio's waar beide schakels meedoen."),
    # Q: the agenda (data/agenda/, portal/checks/agenda.py)
    ("Q001", E, "Einde van een bijeenkomst ligt niet na het begin",
     "Controleer 'start' en 'end': datum (JJJJ-MM-DD) en tijd (UU:MM), Nederlandse tijd. "
     "Het einde komt na het begin."),
    ("Q002", E, "Bijeenkomst is online én in een gemeente",
     "Zet onder 'place' alleen 'online: true' of alleen 'municipality:' met een gemeente; "
     "nooit een adres."),
    ("Q003", E, "Bijeenkomst met alleen een zwakke bron",
     "Een bijeenkomst komt alleen in de agenda met een bron van zekerheid high of medium, "
     "bijv. de aankondiging van de organisator zelf."),
    # X: external links (portal check-links --external, a scheduled job; never gates a PR)
    ("X001", E, "Externe link bestaat niet meer (404 of 410)",
     "Zoek de pagina op de site van de organisatie en zet het nieuwe adres in de bron; "
     "bestaat ze niet meer, haal de link weg of kies een andere bron."),
    ("X002", E, "Externe site geeft een serverfout, ook na opnieuw proberen",
     "Open het adres in een browser. Blijft de fout een paar dagen, neem dan contact op met "
     "de organisatie of kies een ander adres."),
    ("X003", E, "Externe site antwoordt niet op tijd (time-out)",
     "Open het adres in een browser; blijft het zo, controleer dan of de site nog bestaat."),
    ("X004", E, "Geen verbinding met de externe site",
     "Controleer de domeinnaam op typfouten; bestaat de site niet meer, zoek het nieuwe "
     "adres of haal de link weg."),
    ("X005", W, "Externe link is permanent verhuisd",
     "Vervang het adres in de bron door het nieuwe adres uit de melding."),
    ("X006", E, "Externe site weigert de pagina (andere 4xx-fout)",
     "Open het adres in een browser; vraagt de site om in te loggen, kies dan een openbare "
     "pagina."),
    ("X007", E, "Externe link verwijst te vaak door",
     "Open het adres in een browser en neem het adres over waar je uitkomt."),
    # A: accessibility of the built page (portal check-links)
    ("A001", E, "Linktekst zegt niet waar de link heen gaat",
     "Schrijf in de linktekst waar de link heen gaat, bijv. [Bel Veilig Thuis](...) in "
     "plaats van 'klik hier'; een schermlezer leest links los van de zin voor."),
    ("A002", E, "Link zonder tekst",
     "Geef de link tekst, of een afbeelding in de link een alt-tekst."),
    ("A003", E, "Koppen niet op volgorde",
     "Eén kop # per pagina, daaronder ##, dan ###; sla geen niveau over."),
    ("A004", E, "Afbeelding zonder alt-tekst",
     "Schrijf tussen de vierkante haken wat de afbeelding laat zien: ![Wat je ziet](foto.png). "
     "Is ze alleen versiering, schrijf dan ![](foto.png){ role=presentation }."),
    # U: findable in search engines (portal check-links): a title and description per page
    ("U001", E, "Titel niet uniek",
     "Geef elke pagina een eigen 'title' in de front matter (bij een gemaakte pagina: in de "
     "gegevens of het sjabloon); zoekmachines en tabbladen tonen de titel, en twee gelijke "
     "titels zijn niet uit elkaar te houden."),
    ("U002", E, "Beschrijving ontbreekt of niet uniek",
     "Schrijf in 'description' één of twee eigen zinnen over juist deze pagina; zoekmachines "
     "tonen die tekst onder de titel."),
    # F: freshness (warnings; errors with --strict)
    ("F001", W, "Nooit gecontroleerd bij de organisatie",
     "Controleer de gegevens bij de organisatie of op haar actuele website en vul 'verified' "
     "in. Tot dan meldt de voorbeeldversie (scripts/serve) het; de gepubliceerde site toont "
     "alleen waar de gegevens vandaan komen en wanneer ze gelezen zijn."),
    ("F002", W, "Controle is ouder dan 12 maanden",
     "Controleer de gegevens opnieuw en werk 'verified.date' bij."),
)


@dataclass(frozen=True, order=True)
class Problem:
    """One finding, pointing at a place in a file (line and column are 1-based)."""

    path: str
    line: int
    column: int
    code: str
    detail: str

    @property
    def rule(self) -> Rule:
        return CODES[self.code]

    @property
    def severity(self) -> Severity:
        return self.rule.severity

    @property
    def where(self) -> str:
        """path:line:column, or just the path for a finding about a whole page."""
        return f"{self.path}:{self.line}:{self.column}" if self.line else self.path

    def format_text(self) -> str:
        label = "fout" if self.severity is Severity.ERROR else "waarschuwing"
        return f"{self.where}: {self.code} {label}: {self.detail} Tip: {self.rule.hint}"

    def format_github(self) -> str:
        # GitHub Actions workflow command; newlines and % must be escaped in the message.
        kind = "error" if self.severity is Severity.ERROR else "warning"
        msg = f"{self.detail} Tip: {self.rule.hint}"
        msg = msg.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        place = f"file={self.path},line={self.line},col={self.column}" if self.line \
            else f"file={self.path}"
        return f"::{kind} {place},title={self.code} {self.rule.title}::{msg}"


def summarize(problems: list[Problem]) -> str:
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    if not problems:
        return "geen fouten of waarschuwingen."
    return f"{errors} fout(en), {warnings} waarschuwing(en)."


def display_path(path: Path) -> str:
    """A path as an editor would type it: relative to the working directory."""
    return _relative(str(path), os.getcwd())


@cache
def _relative(path: str, cwd: str) -> str:
    try:
        return os.path.relpath(path, cwd)
    except ValueError:  # pragma: no cover - another drive on Windows
        return path


def render_code_table() -> str:
    """The Markdown table of every code, for the editors' guide (generated, never typed)."""
    rows = ["| Code | Soort | Betekenis | Wat te doen |", "|---|---|---|---|"]
    for rule in CODES.values():
        kind = "fout" if rule.severity is Severity.ERROR else "waarschuwing"
        rows.append(f"| {rule.code} | {kind} | {rule.title} | {rule.hint} |")
    return "\n".join(rows) + "\n"
