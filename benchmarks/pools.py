"""Aligned word and sentence pools for the benchmark corpus, one ``(de, ja, en)`` tuple each.

Every template at one index says the same thing in the three languages, so the three versions
of a generated release read as translations of each other. Templates use ``str.format`` slots
that `corpus.py` fills from the slot pools below and from the bundled partner and topic data:

``{p}``/``{p2}`` partner names, ``{t}``/``{t2}`` topic names, ``{place}``, ``{org}``, ``{role}``,
``{inst}``, ``{sector}``, ``{proj}``, ``{n}`` (small number), ``{big}`` (large number),
``{pct}`` (percentage), ``{year}`` and ``{month}``.
"""

from __future__ import annotations

Aligned = tuple[str, str, str]
"""One text in German, Japanese and English, in that order."""

LANGS: tuple[str, str, str] = ("de", "ja", "en")

PLACES: list[Aligned] = [
    ("Stuttgart", "シュトゥットガルト", "Stuttgart"),
    ("Karlsruhe", "カールスルーエ", "Karlsruhe"),
    ("Mannheim", "マンハイム", "Mannheim"),
    ("Freiburg", "フライブルク", "Freiburg"),
    ("Heidelberg", "ハイデルベルク", "Heidelberg"),
    ("Ulm", "ウルム", "Ulm"),
    ("Tübingen", "テュービンゲン", "Tübingen"),
    ("Konstanz", "コンスタンツ", "Konstanz"),
    ("Heilbronn", "ハイルブロン", "Heilbronn"),
    ("Pforzheim", "プフォルツハイム", "Pforzheim"),
    ("Reutlingen", "ロイトリンゲン", "Reutlingen"),
    ("Friedrichshafen", "フリードリヒスハーフェン", "Friedrichshafen"),
]

ORGS: list[Aligned] = [
    ("das Staatsministerium", "州首相府", "the State Ministry"),
    ("das Wirtschaftsministerium", "州経済・労働・観光省", "the Ministry of Economic Affairs"),
    ("das Wissenschaftsministerium", "州科学・研究・芸術省", "the Ministry of Science"),
    ("das Umweltministerium", "州環境・気候保護・エネルギー省", "the Ministry of the Environment"),
    ("das Verkehrsministerium", "州交通省", "the Ministry of Transport"),
    (
        "Baden-Württemberg International",
        "バーデン＝ヴュルテンベルク・インターナショナル",
        "Baden-Württemberg International",
    ),
    ("die Landesagentur e-mobil BW", "州電動モビリティ推進機関e-mobil BW", "the state agency e-mobil BW"),
    ("die Industrie- und Handelskammer", "商工会議所", "the Chamber of Industry and Commerce"),
    ("das Sozialministerium", "州社会・保健・統合省", "the Ministry of Social Affairs and Health"),
    ("das Kultusministerium", "州文化・青少年・スポーツ省", "the Ministry of Education"),
]

ROLES: list[Aligned] = [
    ("der Ministerpräsident", "州首相", "the Minister-President"),
    ("die Wirtschaftsministerin", "州経済相", "the Minister of Economic Affairs"),
    ("der Staatssekretär", "政務次官", "the State Secretary"),
    ("die Wissenschaftsministerin", "州科学相", "the Minister of Science"),
    ("der Gouverneur", "知事", "the Governor"),
    ("die Delegationsleiterin", "代表団団長", "the head of the delegation"),
    ("der Umweltminister", "州環境相", "the Minister of the Environment"),
    ("die Bevollmächtigte des Landes", "州全権代表", "the state's plenipotentiary"),
    ("der Rektor der Universität", "大学学長", "the rector of the university"),
    ("die Präsidentin der Kammer", "会議所会頭", "the president of the chamber"),
]

INSTITUTIONS: list[Aligned] = [
    ("das Karlsruher Institut für Technologie", "カールスルーエ工科大学", "the Karlsruhe Institute of Technology"),
    ("die Universität Stuttgart", "シュトゥットガルト大学", "the University of Stuttgart"),
    ("die Universität Freiburg", "フライブルク大学", "the University of Freiburg"),
    ("die Universität Heidelberg", "ハイデルベルク大学", "Heidelberg University"),
    ("die Universität Tübingen", "テュービンゲン大学", "the University of Tübingen"),
    ("das Fraunhofer-Institut", "フラウンホーファー研究所", "the Fraunhofer Institute"),
    (
        "das Zentrum für Sonnenenergie- und Wasserstoff-Forschung",
        "太陽エネルギー・水素研究センター",
        "the Centre for Solar Energy and Hydrogen Research",
    ),
    ("die Hochschule Esslingen", "エスリンゲン大学", "Esslingen University"),
    ("das Cyber Valley", "サイバーバレー", "Cyber Valley"),
    ("die Universität Ulm", "ウルム大学", "Ulm University"),
]

SECTORS: list[Aligned] = [
    ("der Mittelstand", "中小企業", "small and medium-sized enterprises"),
    ("junge Unternehmen", "スタートアップ", "start-ups"),
    ("die Automobilzulieferer", "自動車部品メーカー", "automotive suppliers"),
    ("der Maschinenbau", "機械工業", "mechanical engineering"),
    ("die Medizintechnik", "医療機器産業", "medical technology"),
    ("die Softwarebranche", "ソフトウェア業界", "the software industry"),
    ("die Energieversorger", "エネルギー事業者", "energy suppliers"),
    ("das Handwerk", "手工業", "the skilled trades"),
]

PROJECTS: list[Aligned] = [
    ("ein gemeinsames Forschungszentrum", "共同研究センター", "a joint research centre"),
    ("ein Austauschprogramm für Studierende", "学生交流プログラム", "a student exchange programme"),
    ("ein Netzwerk für Wasserstofftechnik", "水素技術ネットワーク", "a hydrogen technology network"),
    ("eine Pilotanlage für Batterierecycling", "電池リサイクルの実証施設", "a pilot plant for battery recycling"),
    ("ein Innovationslabor für Robotik", "ロボット技術のイノベーションラボ", "an innovation lab for robotics"),
    ("eine Fachkräfteinitiative", "専門人材育成イニシアチブ", "a skilled-worker initiative"),
    ("ein Reallabor für autonomes Fahren", "自動運転の実証実験区域", "a living lab for autonomous driving"),
    ("eine Plattform für digitale Gesundheit", "デジタルヘルスのプラットフォーム", "a platform for digital health"),
    ("ein Förderprogramm für Gründerinnen und Gründer", "起業家支援プログラム", "a funding programme for founders"),
    ("eine Sommerschule für Klimaforschung", "気候研究のサマースクール", "a summer school for climate research"),
    ("ein Kulturfestival", "文化フェスティバル", "a cultural festival"),
    ("ein Messeauftritt mit Gemeinschaftsstand", "見本市での共同出展", "a joint stand at a trade fair"),
]

MONTHS: list[Aligned] = [
    ("Januar", "1月", "January"),
    ("Februar", "2月", "February"),
    ("März", "3月", "March"),
    ("April", "4月", "April"),
    ("Mai", "5月", "May"),
    ("Juni", "6月", "June"),
    ("Juli", "7月", "July"),
    ("August", "8月", "August"),
    ("September", "9月", "September"),
    ("Oktober", "10月", "October"),
    ("November", "11月", "November"),
    ("Dezember", "12月", "December"),
]

TITLES: list[Aligned] = [
    (
        "Baden-Württemberg und {p} vertiefen Zusammenarbeit bei {t}",
        "バーデン＝ヴュルテンベルク州と{p}、{t}分野で協力を強化",
        "Baden-Württemberg and {p} deepen cooperation on {t}",
    ),
    (
        "Delegation aus {p} besucht {place}",
        "{p}の代表団が{place}を訪問",
        "Delegation from {p} visits {place}",
    ),
    (
        "Neues Programm für {t} mit {p} gestartet",
        "{p}との{t}分野の新プログラムが始動",
        "New {t} programme launched with {p}",
    ),
    (
        "{p} und Baden-Württemberg unterzeichnen Vereinbarung zu {t}",
        "{p}とバーデン＝ヴュルテンベルク州、{t}に関する協定に署名",
        "{p} and Baden-Württemberg sign agreement on {t}",
    ),
    (
        "Forschungskooperation mit {p}: {proj} in {place}",
        "{p}との研究協力：{place}に{proj}",
        "Research cooperation with {p}: {proj} in {place}",
    ),
    (
        "Wirtschaftsreise nach {p} stärkt {t}",
        "{p}への経済ミッション、{t}分野を後押し",
        "Business trip to {p} boosts {t}",
    ),
    (
        "Jubiläum: {n} Jahre Partnerschaft mit {p}",
        "{p}との提携{n}周年",
        "Anniversary: {n} years of partnership with {p}",
    ),
    (
        "{t} und {t2}: Land fördert Projekte mit {p}",
        "{t}と{t2}：州が{p}との事業を支援",
        "{t} and {t2}: state funds projects with {p}",
    ),
    (
        "Gemeinsame Erklärung mit {p} zu {t} und {t2}",
        "{p}と{t}・{t2}に関する共同声明",
        "Joint statement with {p} on {t} and {t2}",
    ),
    (
        "Fachkonferenz in {place} bringt Partner aus {p} und {p2} zusammen",
        "{place}で専門会議、{p}と{p2}のパートナーが集う",
        "Conference in {place} brings together partners from {p} and {p2}",
    ),
    (
        "Land und {p} bauen Austausch bei {t} aus",
        "州と{p}、{t}分野の交流を拡大",
        "State and {p} expand exchange on {t}",
    ),
    (
        "{proj}: Startschuss mit {p}",
        "{proj}、{p}とともに始動",
        "{proj}: kick-off with {p}",
    ),
]

SUMMARIES: list[Aligned] = [
    (
        "In {place} haben Vertreterinnen und Vertreter aus Baden-Württemberg und {p} vereinbart, "
        "bei {t} und {t2} enger zusammenzuarbeiten.",
        "{place}で、バーデン＝ヴュルテンベルク州と{p}の代表が{t}と{t2}の分野で協力を深めることで合意した。",
        "In {place}, representatives of Baden-Württemberg and {p} agreed to work more closely on {t} and {t2}.",
    ),
    (
        "{org} unterstützt {proj} mit {p}. Beteiligt sind {n} Unternehmen und Hochschulen.",
        "{org}は{p}との{proj}を支援する。{n}の企業と大学が参加する。",
        "{org} is supporting {proj} with {p}. {n} companies and universities are taking part.",
    ),
    (
        "Eine Delegation aus {p} informierte sich im {month} über {t} im Land. "
        "Im Mittelpunkt standen Gespräche mit {sector}.",
        "{p}の代表団が{month}、州の{t}について視察した。{sector}との意見交換が中心となった。",
        "A delegation from {p} learned about {t} in the state in {month}. Talks with {sector} were at the centre.",
    ),
    (
        "Baden-Württemberg und {p} setzen ihre Partnerschaft fort: Neue Projekte zu {t} sollen bis {year} "
        "Ergebnisse liefern.",
        "バーデン＝ヴュルテンベルク州と{p}はパートナーシップを継続し、{t}に関する新事業で{year}年までに成果を目指す。",
        "Baden-Württemberg and {p} continue their partnership: new projects on {t} are to deliver results by {year}.",
    ),
    (
        "Zum Auftakt von {proj} kamen {n} Gäste aus {p} und {p2} nach {place}.",
        "{proj}の開始にあたり、{p}と{p2}から{n}人が{place}を訪れた。",
        "{n} guests from {p} and {p2} came to {place} for the launch of {proj}.",
    ),
]

HEADINGS: list[Aligned] = [
    ("Hintergrund", "背景", "Background"),
    ("Die Vereinbarung im Überblick", "合意の概要", "The agreement at a glance"),
    ("Stimmen zum Besuch", "訪問に寄せて", "Voices on the visit"),
    ("Nächste Schritte", "今後の予定", "Next steps"),
    ("Zahlen und Fakten", "数字で見る", "Facts and figures"),
    ("Ziele der Zusammenarbeit", "協力の目標", "Aims of the cooperation"),
    ("Beteiligte Einrichtungen", "参加機関", "Participating institutions"),
    ("Programm der Reise", "訪問の日程", "Programme of the trip"),
    ("Förderung durch das Land", "州による支援", "Funding from the state"),
    ("Erfahrungen aus früheren Projekten", "これまでの事業から得た経験", "Lessons from earlier projects"),
    ("Wirtschaftliche Bedeutung", "経済的な意義", "Economic significance"),
    ("Wissenschaft und Forschung", "科学と研究", "Science and research"),
    ("Austausch der Menschen", "人的交流", "Exchange between people"),
    ("Ausblick", "今後の展望", "Outlook"),
    ("Über die Partnerschaft", "パートナーシップについて", "About the partnership"),
    ("Rahmen und Finanzierung", "枠組みと財源", "Framework and funding"),
]

SENTENCES: list[Aligned] = [
    (
        "Baden-Württemberg und {p} arbeiten seit vielen Jahren eng zusammen, vor allem bei {t}.",
        "バーデン＝ヴュルテンベルク州と{p}は長年にわたり、とりわけ{t}の分野で緊密に協力してきた。",
        "Baden-Württemberg and {p} have worked closely together for many years, above all on {t}.",
    ),
    (
        "{role} betonte in {place}, dass verlässliche Partnerschaften gerade in unsicheren Zeiten "
        "an Bedeutung gewinnen.",
        "{role}は{place}で、先行きが不透明な時代にこそ信頼できるパートナーシップの重要性が増すと強調した。",
        "In {place}, {role} stressed that reliable partnerships matter all the more in uncertain times.",
    ),
    (
        "An dem Treffen nahmen {n} Vertreterinnen und Vertreter aus Politik, Wirtschaft und Wissenschaft teil.",
        "会合には政治、経済、学術の各分野から{n}人の代表が出席した。",
        "{n} representatives of politics, business and academia took part in the meeting.",
    ),
    (
        "{org} stellt für die kommenden drei Jahre insgesamt {big} Euro bereit.",
        "{org}は今後3年間で総額{big}ユーロを拠出する。",
        "{org} is providing a total of {big} euros over the next three years.",
    ),
    (
        "Im Mittelpunkt der Gespräche standen {t} und {t2}.",
        "協議では{t}と{t2}が中心テーマとなった。",
        "The talks focused on {t} and {t2}.",
    ),
    (
        "Die Delegation besuchte außerdem {inst} und informierte sich über aktuelle Forschungsvorhaben.",
        "代表団はさらに{inst}を訪れ、最新の研究プロジェクトについて説明を受けた。",
        "The delegation also visited {inst} and learned about current research projects.",
    ),
    (
        "Nach Angaben der Veranstalter ist der Anteil der Projekte zu {t} im vergangenen Jahr um {pct} gestiegen.",
        "主催者によると、{t}に関する事業の割合は昨年{pct}増加した。",
        "According to the organisers, the share of projects on {t} rose by {pct} last year.",
    ),
    (
        "Gerade {sector} profitiert von dem Austausch, weil neue Märkte und Kooperationspartner erschlossen werden.",
        "新たな市場や協力相手が開かれるため、とりわけ{sector}がこの交流の恩恵を受けている。",
        "{sector} in particular benefit from the exchange, as new markets and partners open up.",
    ),
    (
        "Bereits im {month} {year} hatten beide Seiten eine Absichtserklärung unterzeichnet.",
        "両者はすでに{year}年{month}に意向表明書に署名していた。",
        "Both sides had already signed a declaration of intent in {month} {year}.",
    ),
    (
        "Geplant ist {proj}, das allen interessierten Einrichtungen offensteht.",
        "関心のあるすべての機関が参加できる{proj}が計画されている。",
        "Plans include {proj}, open to all interested institutions.",
    ),
    (
        "{p} gilt als eine der innovativsten Regionen im Bereich {t}.",
        "{p}は{t}の分野で最も革新的な地域の一つとされている。",
        "{p} is regarded as one of the most innovative regions in {t}.",
    ),
    (
        "Die Zusammenarbeit soll auch jungen Menschen zugutekommen, etwa durch Praktika und Stipendien.",
        "協力はインターンシップや奨学金などを通じて若い世代にも役立てられる。",
        "The cooperation is also meant to benefit young people, for instance through internships and scholarships.",
    ),
    (
        "Seit {year} haben mehr als {big} Studierende an Austauschprogrammen teilgenommen.",
        "{year}年以降、{big}人を超える学生が交流プログラムに参加した。",
        "Since {year}, more than {big} students have taken part in exchange programmes.",
    ),
    (
        "{role} aus {p} dankte für die Gastfreundschaft und lud zu einem Gegenbesuch ein.",
        "{p}の{role}は歓待に謝意を述べ、答礼訪問に招待した。",
        "{role} of {p} thanked the hosts for their hospitality and extended an invitation for a return visit.",
    ),
    (
        "Ein Schwerpunkt liegt auf dem Transfer von Forschungsergebnissen in die Praxis.",
        "重点の一つは、研究成果を実用化につなげることにある。",
        "One focus is on putting research results into practice.",
    ),
    (
        "Beide Regionen stehen vor ähnlichen Herausforderungen, vom demografischen Wandel bis zum Klimaschutz.",
        "両地域は人口構造の変化から気候保護まで、似た課題に直面している。",
        "Both regions face similar challenges, from demographic change to climate protection.",
    ),
    (
        "Die Projektpartner wollen ihre Ergebnisse im {month} auf einer Fachtagung in {place} vorstellen.",
        "プロジェクトの参加者は{month}に{place}で開かれる専門会議で成果を発表する予定だ。",
        "The project partners intend to present their results at a conference in {place} in {month}.",
    ),
    (
        "Die Handelsbeziehungen mit {p} haben sich in den vergangenen Jahren stetig entwickelt.",
        "{p}との通商関係はここ数年、着実に発展してきた。",
        "Trade relations with {p} have developed steadily in recent years.",
    ),
    (
        "Mehr als {n} Unternehmen aus Baden-Württemberg sind bereits in {p} tätig.",
        "バーデン＝ヴュルテンベルク州の企業{n}社以上がすでに{p}で事業を展開している。",
        "More than {n} companies from Baden-Württemberg are already active in {p}.",
    ),
    (
        "{inst} und Partner aus {p} forschen gemeinsam an Lösungen für {t}.",
        "{inst}と{p}のパートナーは{t}の解決策を共同で研究している。",
        "{inst} and partners from {p} are jointly researching solutions for {t}.",
    ),
    (
        "Das Land setzt dabei auf offene Standards und den Austausch von Daten unter klaren Regeln.",
        "州はその際、オープンな標準と明確なルールに基づくデータ共有を重視している。",
        "The state relies on open standards and data sharing under clear rules.",
    ),
    (
        "Zugleich sollen die Lieferketten breiter aufgestellt und einseitige Abhängigkeiten verringert werden.",
        "同時にサプライチェーンを多様化し、一方的な依存を減らすことを目指す。",
        "At the same time, supply chains are to be diversified and one-sided dependencies reduced.",
    ),
    (
        "Für {t2} wurde eine eigene Arbeitsgruppe eingerichtet, die zweimal im Jahr tagt.",
        "{t2}については独自の作業部会が設置され、年2回会合を開く。",
        "A dedicated working group has been set up for {t2}; it meets twice a year.",
    ),
    (
        "{org} begleitet die Vorhaben und berät interessierte Betriebe kostenlos.",
        "{org}は事業に伴走し、関心のある企業に無料で助言する。",
        "{org} supports the projects and advises interested businesses free of charge.",
    ),
    (
        "Die Teilnehmenden lobten die offene Atmosphäre und die konkreten Ergebnisse.",
        "参加者は率直な雰囲気と具体的な成果を高く評価した。",
        "Participants praised the open atmosphere and the concrete results.",
    ),
    (
        "Im Jahr {year} soll eine erste Bilanz gezogen werden.",
        "{year}年に最初の中間評価が行われる予定だ。",
        "A first review is planned for {year}.",
    ),
    (
        "{p} und {p2} haben ihr Interesse an einer Beteiligung signalisiert.",
        "{p}と{p2}も参加への関心を示している。",
        "{p} and {p2} have signalled their interest in taking part.",
    ),
    (
        "Die Mittel fließen vor allem in Pilotprojekte, die sich auf andere Regionen übertragen lassen.",
        "資金は主に、他の地域にも応用できる実証事業に充てられる。",
        "The funds go mainly to pilot projects that can be transferred to other regions.",
    ),
    (
        "Nach dem offiziellen Teil tauschten sich die Gäste bei einem Empfang in {place} aus.",
        "公式行事の後、来賓は{place}でのレセプションで交流を深めた。",
        "After the official part, the guests met at a reception in {place}.",
    ),
    (
        "Schon heute exportiert Baden-Württemberg Waren im Wert von {big} Millionen Euro nach {p}.",
        "バーデン＝ヴュルテンベルク州は現在すでに{big}百万ユーロ相当の製品を{p}へ輸出している。",
        "Baden-Württemberg already exports goods worth {big} million euros to {p}.",
    ),
    (
        "Die Partner verständigten sich darauf, ihre Zusammenarbeit regelmäßig zu überprüfen.",
        "双方は協力関係を定期的に見直すことで一致した。",
        "The partners agreed to review their cooperation regularly.",
    ),
    (
        "Auch Schulen und Kultureinrichtungen sollen stärker eingebunden werden.",
        "学校や文化施設もより積極的に関与させる方針だ。",
        "Schools and cultural institutions are also to be more closely involved.",
    ),
    (
        "Der Anteil erneuerbarer Energien soll in beiden Regionen bis {year} deutlich steigen.",
        "両地域では{year}年までに再生可能エネルギーの割合を大きく引き上げる。",
        "The share of renewable energy is set to rise markedly in both regions by {year}.",
    ),
    (
        "{role} sprach von einem wichtigen Signal für {sector}.",
        "{role}は{sector}にとって重要なシグナルだと述べた。",
        "{role} called it an important signal for {sector}.",
    ),
    (
        "Die Ergebnisse werden in einem gemeinsamen Bericht veröffentlicht.",
        "成果は共同報告書として公表される。",
        "The results will be published in a joint report.",
    ),
    (
        "Für das kommende Jahr ist ein weiterer Besuch in {p} vorgesehen.",
        "来年には{p}への再訪問が予定されている。",
        "A further visit to {p} is planned for next year.",
    ),
    (
        "Rund {pct} der befragten Unternehmen erwarten durch die Kooperation zusätzliche Aufträge.",
        "調査対象企業の約{pct}が、協力により新たな受注を見込んでいる。",
        "Around {pct} of the companies surveyed expect additional orders from the cooperation.",
    ),
    (
        "Die Veranstaltung wurde in deutscher und englischer Sprache abgehalten und live übertragen.",
        "催しはドイツ語と英語で行われ、ライブ配信された。",
        "The event was held in German and English and streamed live.",
    ),
    (
        "Dabei geht es auch um gemeinsame Normen, Zertifizierungen und die Anerkennung von Abschlüssen.",
        "共通の規格や認証、資格の相互承認も議題となっている。",
        "This also covers common standards, certification and the recognition of qualifications.",
    ),
    (
        "Die Zahl der gemeinsamen Veröffentlichungen hat sich seit {year} mehr als verdoppelt.",
        "共同論文の数は{year}年以降、2倍以上に増えた。",
        "The number of joint publications has more than doubled since {year}.",
    ),
]

QUOTES: list[Aligned] = [
    (
        "„Partnerschaften leben von Menschen, die einander vertrauen“, sagte {role}.",
        "{role}は「パートナーシップは互いを信頼する人々によって支えられています」と語った。",
        "“Partnerships live from people who trust one another,” said {role}.",
    ),
    (
        "„Bei {t} können wir viel voneinander lernen“, erklärte {role}.",
        "{role}は「{t}の分野では互いに多くを学ぶことができます」と述べた。",
        "“We can learn a great deal from each other on {t},” {role} explained.",
    ),
    (
        "„Diese Vereinbarung ist ein Auftrag für die nächsten Jahre“, betonte {role}.",
        "{role}は「この合意は今後数年間の使命です」と強調した。",
        "“This agreement is a mandate for the years ahead,” {role} emphasised.",
    ),
]

LIST_ITEMS: list[Aligned] = [
    (
        "gemeinsame Forschungsprojekte zu {t}",
        "{t}に関する共同研究プロジェクト",
        "joint research projects on {t}",
    ),
    (
        "Austausch von Fachkräften und Auszubildenden",
        "専門人材と職業訓練生の交流",
        "exchange of skilled workers and apprentices",
    ),
    (
        "{proj} in {place}",
        "{place}での{proj}",
        "{proj} in {place}",
    ),
    (
        "Unterstützung für {sector} beim Markteintritt in {p}",
        "{p}市場への進出における{sector}への支援",
        "support for {sector} entering the market in {p}",
    ),
    (
        "eine jährliche Konferenz zu {t2}",
        "{t2}に関する年次会議",
        "an annual conference on {t2}",
    ),
    (
        "Stipendien für {n} Studierende pro Jahr",
        "年間{n}人の学生への奨学金",
        "scholarships for {n} students a year",
    ),
    (
        "digitale Plattformen für den Wissenstransfer",
        "知識移転のためのデジタルプラットフォーム",
        "digital platforms for knowledge transfer",
    ),
    (
        "Kooperation mit {inst}",
        "{inst}との連携",
        "cooperation with {inst}",
    ),
    (
        "Pilotprojekte mit einem Volumen von {big} Euro",
        "総額{big}ユーロの実証事業",
        "pilot projects worth {big} euros",
    ),
    (
        "regelmäßige Treffen der Arbeitsgruppen",
        "作業部会の定期会合",
        "regular meetings of the working groups",
    ),
    (
        "Kulturveranstaltungen in {place} und {p}",
        "{place}と{p}での文化イベント",
        "cultural events in {place} and {p}",
    ),
    (
        "eine gemeinsame Strategie für {t} bis {year}",
        "{year}年までの{t}に関する共通戦略",
        "a joint strategy for {t} up to {year}",
    ),
]

TABLE_HEADERS: list[tuple[Aligned, Aligned, Aligned]] = [
    (
        ("Bereich", "分野", "Field"),
        ("Vorhaben", "事業", "Project"),
        ("Zeitraum", "期間", "Period"),
    ),
    (
        ("Partner", "パートナー", "Partner"),
        ("Schwerpunkt", "重点", "Focus"),
        ("Mittel (Euro)", "予算（ユーロ）", "Funding (euros)"),
    ),
]

LINK_SENTENCES: list[Aligned] = [
    (
        "Über den Beginn der Zusammenarbeit berichtete die Meldung [{link}]({href}).",
        "協力開始の経緯は「[{link}]({href})」で伝えている。",
        "The start of the cooperation was reported in [{link}]({href}).",
    ),
    (
        "Mehr dazu steht in der Meldung [{link}]({href}).",
        "詳細は「[{link}]({href})」を参照。",
        "More on this in [{link}]({href}).",
    ),
    (
        "Die Vorgeschichte schildert [{link}]({href}).",
        "これまでの経緯は「[{link}]({href})」に詳しい。",
        "The background is described in [{link}]({href}).",
    ),
]

EXTERNAL_LINKS: list[Aligned] = [
    (
        "Weitere Informationen bietet die [Website des Landes](https://www.baden-wuerttemberg.de/).",
        "詳しくは[州のウェブサイト](https://www.baden-wuerttemberg.de/)を参照。",
        "More information is available on the [state's website](https://www.baden-wuerttemberg.de/).",
    ),
    (
        "Ansprechpartner für Unternehmen ist [Baden-Württemberg International](https://www.bw-i.de/).",
        "企業向けの窓口は[バーデン＝ヴュルテンベルク・インターナショナル](https://www.bw-i.de/)である。",
        "Businesses can contact [Baden-Württemberg International](https://www.bw-i.de/).",
    ),
]
