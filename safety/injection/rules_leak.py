"""Rule table: prompt_leak, secrets, pii_unmask and exfiltration (getting data out).

Kept in its own module so the table stays readable; the format is described in `rules`, which
joins the tables in a fixed order (the order sets the gate bits, so keep it).
"""

TABLE = r"""
prompt_leak: KIND | LEAK | PROMPT
  \b<LEAK>(?!e?d\b)\w*(?:\s+(?:me|us|back|out|all|of|everything|in|full|exactly|verbatim|the|text|
  contents?)){0,4}\s+(?:your|the|its|all)\s+(?:<ADJ>\s+){0,3}<KIND>[\s-]?<PROMPT>
  (?!\s+(?:feature|field|setting|box|option|templates?|engineering|design|examples?|best)\b)
prompt_leak: SELF_DOC settings policy initial context memory | your | LEAK
  \b<LEAK>\w*(?:\s+(?:me|us|back|out|all|of|everything|in|full|exactly|verbatim|the|text|
  contents?)){0,4}\s+your\s+(?:<ADJ>\s+|\w+ing\s+){0,3}(?:<SELF_DOC>|settings|policy file|
  context window|context|memory|initial \w+)\b
prompt_leak: SELF_DOC | you | given loaded initialised initialized configured primed seeded
  + booted started set provided fed trained told following obeying using operating bound
  \b<SELF_DOC>\s+(?:that\s+|which\s+)?you(?:'re|'ve)?\s+(?:were\s+|are\s+|have been\s+|
  have\s+|got\s+)?(?:given|loaded|initiali[sz]ed|configured|primed|seeded|booted|started|
  set up|provided|fed|trained|told|following|obeying|using|operating under|bound by)\b
prompt_leak: SELF_DOC message text policy policies settings | governs govern defines define
  + controls control shapes shape configures determines drives guides limits restricts set sets
  + | your
  + what
  \b(?:<SELF_DOC>|message|text|polic(?:y|ies)|settings)\s+(?:that|which)\s+(?:govern|define|
  control|shape|configure|determine|drive|guide|set|limit|restrict)s?\s+(?:your\s+(?:\w+\s+)?
  (?:responses?|behaviou?r|answers?|outputs?|persona|personality|rules)\b|what you (?:may|can|
  are allowed to|will|should) (?:say|answer|do|reveal|output))
prompt_leak: text words content everything message | you | given told sent fed provided
  \b<LEAK>\w*\b[^.?!\n]{0,30}?\b(?:text|words|content|everything|message)\s+(?:that\s+)?you\s+
  (?:were|have been|'ve been|got)\s+(?:given|told|sent|fed|provided)\b
prompt_leak: above before preceding prior | my | message question prompt input
  \b(?:<LEAK>|what)\w*\b[^.?!\n]{0,60}?\b(?:above|before|preceding|prior to)\s+my\s+(?:very\s+)?
  (?:first\s+|initial\s+)?(?:message|question|prompt|input)\b
prompt_leak: words text wording content contents | your | SELF_DOC
  \b(?:words|text|wording|content|contents)\s+of\s+your\s+(?:\w+\s+)?<SELF_DOC>
prompt_leak: SELF_DOC | top start beginning head | conversation chat context prompt session
  + thread
  \b<SELF_DOC>\s+(?:at|in|from)\s+the\s+(?:very\s+)?(?:top|start|beginning|head)\s+of\s+
  (?:this|the|our)\s+(?:conversation|chat|context|prompt|session|thread)
prompt_leak: filters filter guardrails guardrail safety moderation | active enabled applied
  + place running effect configured | LEAK which what
  \b(?:<LEAK>|which|what)\w*\b[^.?!\n]{0,40}?\b(?:filters?|guardrails?|safety \w+|moderation \w+)\s+
  (?:that|which)\s+(?:are|were|is)\s+(?:currently\s+)?(?:active|enabled|applied|in place|running|
  in effect|configured)
prompt_leak: you | supposed allowed forbidden prohibited told | say tell share reveal disclose
  + discuss
  \b(?:what|anything|everything|things)\s+you(?:'re| are)\s+(?:not supposed|not allowed|
  forbidden|prohibited|told not)\s+to\s+(?:say|tell|share|reveal|disclose|discuss)
prompt_leak: what | developer developers creator creators operator operators admin
  + administrator system company owner | told instructed asked gave tell say said instruct ask
  \bwhat\s+(?:(?:did|has|have)\s+)?(?:the|your)\s+(?:developers?|creators?|operators?|admin\w*|
  system|company|owner)\s+(?:told|instructed|asked|gave|tell|say to|said to|instruct|ask)\s+you\b
prompt_leak: above before preceding prior | first initial message question prompt input
  \b(?:above|before|preceding|prior to)\s+(?:my|the user's|this)\s+(?:very\s+)?(?:first|
  initial)\s+(?:message|question|prompt|input)
prompt_leak: in from of inside within | your | SELF_DOC
  \b(?:in|from|inside|within)\s+your\s+(?:\w+\s+)?(?:system prompt|prompt|instructions|
  preamble|configuration|system message|hidden rules|directives)\b
prompt_leak: part portion section half lines beginning start end rest | prompt instructions
  + context system configuration
  \b(?:part|portion|section|half|lines?|beginning|start|end|rest|remainder)\s+of\s+(?:your|the)
  \s+(?:\w+\s+)?(?:prompt|instructions|context window|system message|configuration)\b
prompt_leak: above before prior given prompt context | LEAK
  \b<LEAK>\w*\s+(?:\w+\s+){0,2}?(?:everything|all(?: the)? (?:text|words)|the (?:text|words|
  messages?|lines?|content)|anything)\s+(?:(?:written|that (?:was|is)|that came)\s+)?(?:(?:above|
  before|prior to)(?=\s*(?:[.,;:!?)'"]|$|starting|including|verbatim|word|in (?:a|full)|this|
  my|it\b|the (?:first|user|conversation|chat|start|beginning)))|you were given|
  in your (?:prompt|context))
prompt_leak: begin start | reply response answer output
  \b(?:begin|start) your (?:reply|response|answer|output) with\s+['"]?(?:my|the|your)
  (?:\s\w+)?\s(?:instructions|rules|system prompt|prompt|guidelines)
prompt_leak: rules instructions guardrails guidelines policies restrictions constraints
  + prompt directives configuration config settings parameters | LEAK | you
  \b<LEAK>\w*\b[^.?!\n]{0,40}?\b(?:rules|instructions|guardrails|guidelines|
  policies|restrictions|constraints|prompt|directives|configuration|config|settings|
  parameters)\s+(?:that\s+)?(?:do\s+|did\s+|must\s+|
  were\s+|have\s+|are\s+)?you\s+(?:been\s+)?(?:operate|work|run|were given|have been given|given|
  received?|got|follow|must follow|obey|are (?:given|bound|following|operating|running|under)|
  were (?:told|trained|programmed|configured)|told|trained|programmed|configured|instructed|
  bound|have)\b
prompt_leak: rules instructions guardrails guidelines policies restrictions constraints
  + prompt directives configuration config settings parameters | what which | you
  \b(?:what|which)\b[^.?!\n]{0,40}?\b(?:rules|instructions|guardrails|guidelines|
  policies|restrictions|constraints|prompt|directives|configuration|config|settings|
  parameters)\s+(?:that\s+)?(?:do\s+|did\s+|must\s+|
  were\s+|have\s+|are\s+)?you\s+(?:been\s+)?(?:operate|work|run|were given|have been given|given|
  received?|got|follow|must follow|obey|are (?:given|bound|following|operating|running|under)|
  were (?:told|trained|programmed|configured)|told|trained|programmed|configured|instructed|
  bound|have)\b(?!\s+(?:for|when|in|on|about|with|while|during)\b)
prompt_leak: instructions prompt rules guidelines configuration message | verbatim word wordforword
  + exact mot wort palabra parola letterlijk palavra
  \b(?:instructions|prompt|rules|guidelines|configuration|system message)\b[^.?!\n]{0,40}\b
  (?:verbatim|
  word for word|wordforword|exact wording|mot pour mot|wort fur wort|palabra por palabra|
  parola per parola|letterlijk|palavra por palavra)
prompt_leak: prompt message instructions preprompt | your
  \byour\s+(?:\w+\s+)?(?:system prompt|system message|initial instructions|hidden instructions|
  secret instructions|developer message|preprompt|system instructions|hidden prompt|
  original instructions)\b
prompt_leak: what | your | instructions rules guidelines directives restrictions constraints
  \bwhat(?:'s| is| was| are| were)\s+your\s+(?:exact\s+|full\s+|current\s+|actual\s+|
  original\s+)?(?:instructions|rules|guidelines|directives|restrictions|constraints)\b
  (?!\s+(?:for|on|about|regarding|when|in|to|with)\b)
prompt_leak: told instructed programmed configured asked | what
  \bwhat (?:were|have|are|did) you (?:been )?(?:told|instructed|programmed|configured|asked)
  (?: to do| to say)? (?:before|earlier|at the (?:start|beginning)|initially|by (?:your|the)
  (?:developers?|creators?|operators?|admin\w*|system))
prompt_leak: instructions rules guidelines prompt directives | developers developer creators
  + creator operators operator admins admin administrators company openai system | gave give
  + given provided wrote set
  \b(?:instructions|rules|guidelines|prompt|directives)\s+(?:that\s+)?(?:the\s+|your\s+)?
  (?:developers?|creators?|operators?|admins?|administrators?|company|openai|system)\s+(?:gave|
  give|has given|have given|provided|wrote|set)\s+you\b
prompt_leak: told instructed asked programmed allowed | what
  \bwhat (?:were|have|are) you (?:been )?(?:told|instructed|asked|programmed) (?:not to|never to|
  to never|to not) (?:say|reveal|share|tell|disclose|discuss|mention)|\bwhat are you not
  \s(?:allowed|permitted) to (?:say|reveal|tell|share|discuss|disclose)
prompt_leak: see view read get know learn access obtain have copy | prompt message instructions
  + preprompt rulebook ruleset instruction configuration config
  \b(?:see|view|read|get|know|learn|access|obtain|have|copy)\s+(?:the|your)\s+(?:full\s+|
  exact\s+|complete\s+|original\s+)?(?:system (?:prompt|message|instructions)|initial
  \sinstructions|hidden instructions|secret instructions|developer message|preprompt|(?<=your )
  (?:rulebook|ruleset|instruction set|configuration|config)\b)
prompt_leak: what | you | told given instructed asked | LEAK restate recount reiterate say
  \b(?:<LEAK>|restate|recount|reiterate|say)\w*\b[^.?!\n]{0,40}?\bwhat\s+you\s+(?:were|have been|
  've been)\s+(?:told|given|instructed|asked)\b
prompt_leak: what | your | SELF_DOC | say says state states contain contains tell require
  \bwhat\s+your\s+(?:\w+\s+)?<SELF_DOC>\s+(?:say|says|state|states|contain|contains|tell you|
  require)\b
prompt_leak: before | our the this | chat conversation session | began started begin start
  \bbefore\s+(?:our|the|this)\s+(?:chat|conversation|session)\s+(?:began|started|begin|start)
prompt_leak: here these | my
  \b(?:here (?:is|are)|these are) my (?:\w+ )?(?:system prompt|instructions|hidden rules)
prompt_leak: first initial opening beginning start top | prompt instructions conversation
  + context system input
  \b(?:<LEAK>|what)\w*\b[^.?!\n]{0,30}?\b(?:first|initial|opening|beginning|start|top)\s+
  (?:\d+\s+|few\s+)?(?:lines?|sentences?|messages?|paragraphs?|words|characters|part|section|
  tokens)\s+(?:of\s+|in\s+)?(?:your|the|this)\s+(?:\w+\s+)?(?:prompt|instructions|conversation|
  context|system message|input)
prompt_leak: zeig zeige zeigen gib nenne verrat wiederhole drucke schreib enthulle was wie
  + | deine ihre dein ihr den die das
  \b(?:zeig\w*|gib|nenn\w*|verrat\w*|wiederhol\w*|druck\w*|schreib\w*|enthull\w*|(?:was|wie)
  (?: ist| sind| lauten| lautet| waren))\s+(?:mir\s+|uns\s+)?(?:\w+\s+){0,2}?(?:(?:deine[nmrs]?|
  ihre[nmrs]?|dein|ihr)\s+(?:\w+\s+)?(?:\w*anweisungen|instruktionen|\w*regeln|konfiguration|
  vorgaben|\w*richtlinien|systemprompt)|(?:den|die|das)\s+(?:\w+\s+)?(?:systemprompt|
  systemanweisungen)|(?:die|den)\s+
  (?:versteckten|geheimen|ursprunglichen|internen)\s+\w+)
prompt_leak: affiche afficher montre montrer revele reveler donne repete ecris ecrivez imprime
  + recite dis dites communique traduis quelles quel | tes vos ton votre le la les
  \b(?:affiche[rz]?|montre[rz]?|revele[rz]?|donne[rz]?|repete[rz]?|ecris|ecrivez|imprime[rz]?|
  recite[rz]?|dis|dites|communique[rz]?|traduis|quel(?:le)?s? (?:est|sont))(?:\s*moi|\s*nous)?
  \s+(?:\w+\s+){0,3}?(?:(?:tes|vos|ton|votre)\s+(?:\w+\s+)?(?:instructions|consignes|regles|
  prompt|invite|directives|configuration)|(?:le|la|les)\s+(?:prompt|invite|instructions|
  consignes)\s+(?:systeme|initiales?|cachees?|secretes?|d'origine|originales?))
prompt_leak: muestra muestrame revela dime ensena ensename imprime repite escribe dame comparte
  + traduce cual cuales | tus sus tu su el la las los
  \b(?:muestra\w*|revela\w*|dime|ensena\w*|imprime|repite|escribe|dame|comparte|traduce|
  cual(?:es)? (?:es|son))\s+(?:\w+\s+){0,3}?(?:(?:tus|sus|tu|su)\s+(?:\w+\s+)?(?:instrucciones|
  reglas|prompt|indicaciones|configuracion|directrices)|(?:el|la|las|los)\s+(?:prompt|
  instrucciones|reglas|indicaciones)\s+(?:del sistema|de sistema|ocultas|iniciales|secretas|
  originales))
prompt_leak: mostra mostrami rivela dimmi stampa ripeti scrivi dammi traduci quali qual | tue
  + tuo tuoi il le
  \b(?:mostra\w*|rivela\w*|dimmi|stampa\w*|ripeti\w*|scrivi\w*|dammi|traduci|quali sono|
  qual e)\s+(?:[\w']+\s+){0,4}?(?:(?:le tue|il tuo|i tuoi|tue|tuo)\s+(?:\w+\s+)?(?:istruzioni|
  regole|prompt|configurazione)|(?:il|le)\s+(?:prompt|istruzioni)\s+(?:di sistema|del sistema|
  nascoste|iniziali|segrete|originali))
prompt_leak: mostre mostra revele revela diga imprima repita escreva traduza quais qual | suas
  + seu teu tuas seus o a as os
  \b(?:mostr[ae]\w*|revel[ae]\w*|diga|imprim[ae]\w*|repit[ae]\w*|escrev[ae]\w*|traduza|
  quais sao|qual e)\s+(?:\w+\s+){0,3}?(?:(?:suas|seu|teu|tuas|seus)\s+(?:\w+\s+)?(?:instrucoes|
  regras|prompt|configuracao|diretrizes)|(?:o|a|as|os)\s+(?:prompt|instrucoes|regras)\s+
  (?:do sistema|de sistema|ocultas|iniciais|secretas|originais))
prompt_leak: toon laat geef herhaal print onthul vertaal vertel wat | je jouw uw de het
  \b(?:toon|laat|geef|herhaal|print|onthul|vertaal|vertel|wat (?:is|zijn))\s+(?:me\s+|mij\s+)?
  (?:\w+\s+){0,2}?(?:(?:je|jouw|uw)\s+(?:\w+\s+)?(?:systeemprompt|systeem prompt|\w*instructies)|
  (?:de|het)\s+(?:\w+\s+)?(?:systeemprompt|systeem prompt|verborgen instructies|
  oorspronkelijke instructies|geheime instructies))
prompt_leak: pokaz wyswietl ujawnij podaj powtorz wypisz | prompt instrukcje swoje twoje
  \b(?:pokaz|wyswietl|ujawnij|podaj|powtorz|wypisz)\w*\s+(?:\w+\s+){0,3}?(?:prompt systemowy|
  instrukcje systemowe|(?:swoje|twoje)\s+(?:\w+\s+)?instrukcj\w*|(?:swoj|twoj) prompt)
prompt_leak: покажи выведи раскрои напиши повтори ~显示 ~输出 ~告诉我 ~打印 ~泄露
  + ~给我看 ~展示 ~重复
  (?:покажи|выведи|раскрои|напиши|повтори)\s+(?:\w+\s+){0,3}?(?:системны\w* (?:промпт|
  инструкци\w*)|свои инструкции|твои инструкции)|(?:显示|输出|告诉我|打印|泄露|给我看|展示|重复)
  [^。\n]{0,8}(?:系统提示|提示词|系统指令|初始指令|隐藏指令)|(?:系统提示|提示词|系统指令|初始指令|
  隐藏指令)[^。\n]{0,8}(?:告诉我|显示|输出|打印|给我)
prompt_leak: ~システムプロンプト ~初期指示 ~隠された指示 ~시스템 ~프롬프트
  (?:システムプロンプト|初期指示|隠された指示)[^。\n]{0,10}(?:表示|教えて|出力|見せて)|
  (?:시스템\s*프롬프트|초기\s*지시)[^.\n]{0,10}(?:보여|알려|출력)

secrets: passwords password credentials keys key tokens secrets env | LEAK cat
  \b(?:<LEAK>|cat)\w*\s+(?:me\s+|us\s+)?(?:(?:all|the|of|any|every)\s+)*(?:your|stored|server|
  root|database|gateway|system|service|production|company's)\s+(?:\w+\s+)?(?:passwords?|
  credentials|secret keys?|api keys?|access tokens?|secrets|env(?:ironment)? variables)\b
secrets: ~/etc/ ~.env ~id_rsa ~.ssh ~shadow
  (?:/etc/(?:passwd|shadow|\w+/secrets?)|\bsecrets?\.env\b|(?<![\w.])\.env\b|id_rsa|\.ssh/)

pii_unmask: placeholder placeholders pseudonym pseudonyms aliases person email phone location
  + | real original actual true underlying unmasked
  (?:placeholders?|pseudonyms?|aliases|<[a-z_ ]+_(?:\d+|n|x)>)[^\n]{0,60}?\b(?:real|original|
  actual|true|underlying|unmasked)\s+(?:names?|values?|identit(?:y|ies)|persons?|people|emails?|
  details)
pii_unmask: real original actual true underlying unmasked unredacted raw cleartext plaintext
  + unpseudonymised unpseudonymized deanonymised deanonymized | placeholder placeholders
  + pseudonym pseudonyms mapping behind masked redacted person email phone location
  \b(?:real|original|actual|true|underlying|unmasked|unredacted|raw|cleartext|plaintext|
  unpseudonymi[sz]ed|depseudonymi[sz]ed|deanonymi[sz]ed)\s+(?:names?|identit(?:y|ies)|values?|
  persons?|people|data|emails?|pii|personal data)\b[^\n]{0,60}?(?:placeholders?|pseudonyms?|
  <[a-z_ ]+_\w+>|mapping|behind|masked|redacted)
pii_unmask: placeholder placeholders pseudonym pseudonyms | mapping map table lookup key
  \b(?:placeholder|pseudonym)s?\s+(?:mapping|map|table|lookup)|\b(?:mapping|map|table|lookup|
  key)\b[^.\n]{0,40}?\b(?:placeholders?|pseudonyms?)\b
pii_unmask: placeholder placeholders pseudonym pseudonyms tokens | stand stands refer refers
  + represent represents correspond corresponds map maps belong replaced replace hide hid hides
  + mask masks masked conceal conceals
  \b(?:placeholders?|pseudonyms?|tokens)\b[^.\n]{0,60}?\b(?:stands? for|refers? to|represents?|
  corresponds? to|maps? to|belongs? to|replaced?|hides?|hid|mask(?:s|ed)?|conceals?)\b
pii_unmask: behind | ~~<[a-z_\s]+_\d+>
  \bbehind\s+(?:the\s+)?(?:placeholder\s+)?<[a-z_ ]+_\d+>
pii_unmask: names | you | seen received processed masked read encountered replaced
  + pseudonymised pseudonymized stored
  \bnames\s+(?:that\s+)?you(?:'ve| have)?\s+(?:seen|received|processed|masked|read|encountered|
  replaced|pseudonymi[sz]ed|stored)\b
pii_unmask: LEAK restate answer respond reply write return | without | masking redaction
  + redacting pseudonymisation pseudonymization pseudonymising anonymisation anonymization
  + placeholders
  \b(?:<LEAK>|restate|answer|respond|reply|write|return)\w*\b[^.\n]{0,60}?\bwithout\s+(?:any\s+)?
  (?:masking|redaction|redacting|pseudonymi[sz]\w*|anonymi[sz]\w*|placeholders)\b
pii_unmask: unmasked unredacted raw stored cleartext plaintext unpseudonymised
  + unpseudonymized deanonymised deanonymized nonpseudonymised nonpseudonymized | LEAK
  \b<LEAK>\w*\s+(?:\w+\s+){0,3}?(?:(?:the|all|every|back)\s+)*(?:raw|unmasked|unredacted|stored|
  cleartext|plaintext|unpseudonymi[sz]ed|deanonymi[sz]ed|nonpseudonymi[sz]ed)\s+(?:names?|
  identities|personal data|pii|customer names|email addresses)
pii_unmask: real original actual true | LEAK | you behind placeholders placeholder pseudonyms
  + masked redacted conversation chat vault context
  \b<LEAK>\w*\s+(?:\w+\s+){0,3}?(?:(?:the|all|every|back)\s+)*(?:real|original|actual|true)\s+
  (?:names?|identities|personal data|email addresses)\b[^.\n]{0,40}?\b(?:you(?:'ve| have)?
  (?: seen| received| stored| know| masked| hidden| replaced)|behind|placeholders?|
  pseudonym\w*|masked|redacted|in (?:this|the) (?:conversation|chat|vault|context))
pii_unmask: names name namen noms nom nombres nombre nomi nomes | cleartext plaintext clear
  + plain klartext clair texto chiaro
  \b(?:names?|namen|noms?|nombres?|nomi|nomes)\s+(?:in|as|im|en|em)\s+(?:cleartext|plaintext|
  clear text|plain text|the clear|klartext|clair|texto claro|chiaro)
pii_unmask: who which what | ~~<[a-z_\s]+_\d+>
  \b(?:who|which (?:real )?(?:person|customer|employee|user)|what (?:real )?name)\b[^.?\n]{0,30}?
  <[a-z_ ]+_\d+>|<[a-z_ ]+_\d+>\s+(?:really\s+)?(?:is|refers? to|stands? for|corresponds? to|
  maps? to)\s+(?:who|which|what|in real)
pii_unmask: undo reverse disable turn remove strip skip | pseudonymisation pseudonymization
  + anonymisation anonymization masking placeholders pseudonyms
  \b(?:undo|reverse|disable|turn off|remove|strip|skip)\s+(?:the\s+|all\s+|your\s+)?(?:pii\s+)?
  (?:pseudonymi[sz]ation|anonymi[sz]ation|masking|placeholders|pseudonyms)\b
pii_unmask: LEAK | unredacted unmasked unpseudonymised unpseudonymized deanonymised
  + deanonymized
  \b<LEAK>\w*\b[^.\n]{0,40}?\b(?:unredacted|unmasked|unpseudonymi[sz]ed|deanonymi[sz]ed)\b
pii_unmask: echte wahre richtige vrais reels nombres nomi nomes prawdziwe настоящие реальные
  + ~真实姓名 ~真实名字 ~真名
  \b(?:echte\w*|wahre\w*|richtige\w*)\s+namen\b|\b(?:vrais noms|noms reels|nombres reales|
  nombres verdaderos|nomi reali|nomi veri|nomes reais|nomes verdadeiros|prawdziwe (?:imiona|
  nazwiska)|настоящие имена|реальные имена)\b|真实姓名|真实名字|真名
pii_unmask: unmask unredact reidentify depseudonymise depseudonymize deanonymise deanonymize
  \b(?:unmask|unredact|reidentify|depseudonymi[sz]e|deanonymi[sz]e)\s+(?:the|all|every|these|
  those|them)\s+(?:\w+\s+)?(?:names|people|persons|customers|placeholders|users|employees|
  individuals|pii)
pii_unmask: vault | LEAK read contents
  \b(?:<LEAK>\w*|read|contents of)(?:\s+(?:me|us|out))?\s+(?:(?:the|all|everything|entries|
  contents|of|in|from|your)\s+){0,4}(?:(?:pii|pseudonym\w*|privacy|mapping|secrets?|identity)
  \s+)?vault\b

exfiltration: SEND | SENS | DEST ~@ ~:// ~~\d\.\d+\.\d
  \b<SEND>\w*\b[^.?!\n]{0,100}?\b<SENS>\b[^.?!\n]{0,80}?\b(?:to|into|at|via|on|with)\s+
  (?:\S+\s+){0,5}?<DEST>
exfiltration: SENS | SEND | DEST ~@ ~:// ~~\d\.\d+\.\d
  \b<SENS>\b[^.?!\n]{0,100}?\b<SEND>\w*\b[^.?!\n]{0,60}?\b(?:to|into|at|via|on)\s+
  (?:\S+\s+){0,4}?<DEST>
exfiltration: SEND | my | personal private own home external gmail hotmail outside dropbox
  + icloud onedrive google usb telegram whatsapp signal discord
  \b<SEND>\w*\b[^.?!\n]{0,100}?\bto\s+my\s+(?:own\s+)?(?:personal|private|home|external|gmail|
  hotmail|outside|dropbox|icloud|onedrive|google drive|usb|telegram|whatsapp|signal|discord)
exfiltration: SEND | it them this that everything lot | webhook pastebin gist requestbin ngrok
  + discord telegram server ~ftp:// ~~\d\.\d+\.\d
  \b<SEND>\w*\s+(?:it|them|this|that|everything|all of (?:it|this|them)|the lot)\s+(?:\w+\s+)?
  (?:to|into|at|on)\s+(?:(?:my|our|an?|the|this)\s+)?(?:\w+\s+)?(?:webhook|pastebin|gist|requestbin|
  ngrok|discord|telegram|(?:external|remote|own) server|ftp://|\d{1,3}(?:\.\d{1,3}){3})
exfiltration: leak exfiltrate smuggle siphon sneak
  \b(?:leak|exfiltrate|smuggle|siphon|sneak)\s+(?:out\s+)?(?:the|all|every|this|these|those|any|
  my|our|your|them|it|its)\b
exfiltration: SENS | webhook endpoint gist pastebin paste server ~://
  (?:https?://\S+|webhook|endpoint|gist|pastebin|paste|server)[^.?!\n]{0,60}?\b(?:with|containing|
  including|carrying|passing|plus|of)\b[^.?!\n]{0,40}?\b<SENS>
exfiltration: bcc cc forward copy send mirror relay | every all each any | replies reply
  + responses response answers answer outputs output conversations conversation chats chat
  + prompts
  \b(?:bcc|cc|forward|copy|send|mirror|relay)\s+(?:a copy of\s+)?(?:every|all|each|any)\s+
  (?:future\s+|subsequent\s+|of your\s+|of the\s+|of my\s+)?(?:replies|reply|responses?|
  answers?|outputs?|conversations?|chats?|prompts?)\b[^.\n]{0,60}?<DEST>
exfiltration: image img pixel beacon link url hyperlink tag | SENS names prompt question
  + instructions name email address message data details ip
  \b(?:image|img|pixel|beacon|link|url|hyperlink|tag)\b[^\n]{0,80}?\b(?:contain\w*|with|
  includ\w*|append\w*|encod\w*|embed\w*|carr\w*|sends?|reports?|leaks?|transmits?|posts?|
  logs?|that sends|pointing|whose(?: \w+){0,2}
  (?: contains?| includes?| embeds?| carries))\b[^\n]{0,60}?\b(?:<SENS>|(?:user'?s?|the|my|
  customer'?s?) (?:question|name|email|address|message|data|details|ip)|names (?:of|mentioned)|
  system prompt|instructions)
exfiltration: SENS | link url query alt parameter parameters param params
  \b<SENS>\b[^.?!\n]{0,60}?\b(?:in|into|inside|as)\s+(?:(?:a|an|the)\s+)?(?:\w+\s+)?(?:link|url|
  query string|query param\w*|url param\w*|get param\w*|image url|alt text)
exfiltration: hide embed encode put place stash smuggle | alt url query image link filename
  + title subdomain
  \b(?:(?:hide|stash|smuggle|sneak)\s+(?:\w+\s+){0,5}?|(?:embed|encode|put|place)\s+
  (?:\w+\s+){0,3}?)in(?:to|side)?\s+(?:the\s+|
  a\s+)?(?:alt text|url|query string|image|link|filename|title attribute|subdomain)
exfiltration: ~://
  (?:https?|ftp)://\S*[?&#][\w-]+=\s*(?:[{<\[$]|%7b|%3c|\.\.\.|\w*(?:summary|conversation|chat|
  history|messages?|secrets?|names?|emails?|password|token|context|prompt|question|answer)\w*\b)|
  (?:https?|ftp)://\S*[?&]
  [\w-]+=(?=[\s'")\]]|$)|!\[[^\]\n]*\]\([^)\s]*[?&][\w-]+=(?:[{<\[$]|%7b|\.\.\.)
exfiltration: resolve nslookup dig ping look lookup
  \b(?:resolve|nslookup|dig|ping|look ?up)\s+\S*[<{\[$][^\s>}\]]*[>}\]]?\.[a-z0-9-]+\.[a-z]{2,}
exfiltration: ~<conversation ~{conversation ~<chat ~{chat ~<data ~{data ~<secret ~{secret ~<user
  + ~{user ~<session ~{session ~<message ~{message ~<prompt ~{prompt ~<history ~{history
  + ~<answer ~{answer ~<summary ~{summary
  [<{]\s*(?:conversation|chat|data|secret|user|session|message|prompt|history|answer|summary)
  [\w -]*[>}]\.(?:[\w-]+\.)+[a-z]{2,}
exfiltration: secretly silently quietly covertly discreetly invisibly without don not | SEND
  + bcc log record include add append attach
  \b(?:secretly|silently|quietly|covertly|discreetly|invisibly|without (?:telling|informing|
  notifying|alerting|asking|letting) (?:the user|anyone|them|him|her|the customer|me)|
  without the user(?:'s)? (?:knowing|noticing|knowledge|consent)|(?:do not|don't) (?:tell|
  inform|notify|let) the user)\b[^.\n]{0,80}?\b(?:send|forward|copy|bcc|cc|upload|post|e?mail|
  log|record|store|share|transmit|save)\w*|\b(?:send|forward|copy|bcc|cc|upload|post|e?mail|
  transmit)\w*\b[^.\n]{0,80}?\b(?:secretly|silently|covertly|without (?:telling|informing|
  notifying|alerting) (?:the user|anyone|them))
exfiltration: envoie envoyez envoyer transmets transmettez envia envie manda mande reenvia
  + sende schick schicke weiterleiten gib leite invia inoltra stuur verstuur wyslij отправь
  + перешли
  \b(?:envoie|envoyez|envoyer|transmets|transmettez|envia|envie|manda|mande|reenvia|sende|
  schick\w*|weiterleiten|gib|leite|invia|inoltra|stuur|verstuur|wyslij|отправь|
  перешли)\b[^.?!\n]{0,60}?
  \b(?:conversation|historique|conversacion|historial|chat|\w*verlauf|unterhaltung|konversation|
  gesprach|conversazione|cronologia|conversa|historico|gesprek|geschiedenis|rozmow\w*|
  переписк\w*|donnees|daten|datos|dati|dados|gegevens|noms|namen|nombres|nomi|nomes)\b
  [^.?!\n]{0,60}?(?:<DEST>|correo|courriel|e?mail|adresse|indirizzo|endereco|servidor|serveur|
  server)

exfiltration: ~发送 ~发到 ~转发 ~上传 ~对话 ~聊天记录 ~历史记录
  (?:发送|发到|转发|上传)[^。\n]{0,12}(?:对话|聊天记录|历史)|(?:对话|聊天记录|历史记录)[^。\n]{0,12}
  (?:发送|发到|转发|上传)"""
