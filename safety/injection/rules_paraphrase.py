"""Rule table: paraphrase families that the older tables miss, one rule per phrasing family.

Why a separate table: these rules describe how attacks are reworded rather than their keywords
("what were you configured with", "your earlier instructions no longer apply", "a version of
yourself from before the safety update", translations that negate or pretend). Each rule names
what makes it an attack (the model as addressee, "your", an impersonal "you were told") so
that the same words in an office request stay quiet. The format is described in `rules`, which
appends this table after the others.
"""

TABLE = r"""
prompt_leak: LEAK about what | your | hidden secret confidential underlying | configuration
  + config setup settings parameters rules instructions prompt directives guidance guidelines
  \b(?:<LEAK>|about|what(?:'s| is| are))\w*\b[^.?!\n]{0,30}?\byour\s+(?:hidden|secret|confidential|
  underlying)\s+(?:configuration|config|setup|settings|parameters|rules|instructions|prompt|
  directives|guidance|guidelines)\b
prompt_leak: LEAK | guidance policy config configuration system setup instructions rules
  + directives guidelines prompt | you came come shipped arrived
  \b<LEAK>\w*\b[^.?!\n]{0,40}?\b(?:guidance|policy file|config file|configuration file|system text|
  setup|instructions|rules|directives|guidelines|prompt)\s+(?:(?:that\s+)?you\s+(?:were\s+|
  have been\s+|'ve been\s+)?(?:loaded|started|initiali[sz]ed|booted|primed|seeded|received|given|
  fed)\b|(?:that\s+)?(?:came|come|shipped|arrived)\s+with\s+(?:this|the|your)\s+(?:session|chat|conversation|
  deployment|setup)\b)
prompt_leak: what which | rules instructions guidelines restrictions policies filters | does do
  + did | make force require tell ask want
  \b(?:what|which)\s+(?:\w+\s+){0,2}?(?:rules|instructions|guidelines|restrictions|policies|
  filters)\s+(?:does|do|did)\s+(?:the|your)\s+(?:\w+\s+)?(?:gateway|system|operators?|developers?|
  admins?|company|enclave|creators?|owners?)\s+(?:make|force|require|tell|ask|want)\s+you\b
prompt_leak: montre montrer affiche repete ecris imprime donne recopie muestra muestrame repite
  + escribe copia dame zeig zeige gib wiederhole schreib drucke kopiere mostra mostrami ripeti
  + stampa scrivi dammi mostre repita imprima escreva toon laat herhaal geef print | tout todo
  + alles tutto tudo
  \b(?:montre|affiche|repete|ecris|imprime|donne|recopie)\w*(?:\s*moi)?\s+tout\s+ce\s+qui\s+
  (?:precede\s+(?:ce|mon|cette|notre)\b|est\s+(?:ecrit\s+)?(?:audessus|cidessus|avant)\b)|
  \b(?:muestra|repite|imprime|escribe|copia|dame)\w*\s+todo\s+(?:lo\s+)?(?:que\s+)?(?:esta\s+)?
  (?:escrito\s+)?(?:arriba|antes|encima|por encima)(?:\s+de\s+(?:mi|este|esta|nuestra)\b|
  \s*[.,;:!?]|\s*$)|\b(?:zeig|gib|wiederhol|schreib|druck|kopier)\w*\s+(?:mir\s+)?alles\b
  [^.?\n]{0,20}?\b(?:uber (?:dieser|meiner|der) (?:nachricht|frage|eingabe)|oben steht|
  davor steht|zuvor steht|vor (?:dieser|meiner) (?:nachricht|frage))|\b(?:mostra|ripeti|stampa|
  scrivi|dammi)\w*\s+tutto\s+(?:cio|quello)\s+che\s+(?:precede|sta sopra|e scritto sopra)|
  \b(?:mostr|repit|imprim|escrev)\w*\s+tudo\s+(?:o\s+)?que\s+(?:esta\s+)?(?:escrito\s+)?(?:acima|
  precede)|\b(?:toon|laat|herhaal|geef|print)\w*\s+(?:me\s+)?alles\s+wat\s+(?:hierboven|
  boven (?:dit|mijn))

prompt_leak: what which how | were have had did | configured programmed initialised initialized
  + primed seeded deployed
  \b(?:what|which|how)\b(?:\s+\w+){0,3}?\s+(?:were|have|had|did)\s+you\s+(?:been\s+)?(?:configured|
  programmed|initiali[sz]ed|primed|seeded|deployed)\b
prompt_leak: LEAK what | beginning start top | your | context conversation memory input prompt
  + instructions
  \b(?:<LEAK>|what)\w*\b[^.?!\n]{0,40}?\b(?:beginning|start|top)\s+of\s+your\s+(?:\w+\s+)?
  (?:context|conversation|memory|input|prompt|instructions)\b
prompt_leak: text message messages content instructions words | precedes preceding came comes
  + before above
  \b(?:hidden|invisible|secret|system)\s+(?:text|messages?|content|instructions|words)\s+
  (?:that\s+)?(?:precedes?|preceding|came before|comes before|before|above)\s+(?:this|our|the|my)
  \s+(?:\w+\s+)?(?:conversation|chat|session|thread|message|question|prompt)\b|\b(?:text|
  messages?|content|instructions|words)\s+(?:that\s+)?you\s+(?:got|received|were given|saw|read|
  were sent)\s+before\s+(?:mine|my|this|our|i)\b
prompt_leak: your | setup boot bootstrap initialisation initialization priming | message prompt
  + directives
  \byour\s+(?:\w+\s+)?(?:setup|boot|bootstrap|initiali[sz]ation|priming)\s+(?:message|prompt|
  directives)\b
prompt_leak: what | your | operator operators developer developers creator creators admin admins
  + administrator administrators deployer deployers maker makers owner owners programmer
  + programmers | wrote put said told specified gave instructed configured set
  \bwhat\s+your\s+(?:\w+\s+)?(?:operators?|developers?|creators?|admins?|administrators?|
  deployers?|makers?|owners?|programmers?)\s+(?:wrote|put|said|told you|specified|gave you|
  instructed|configured|set up)\b
prompt_leak: what which | instructions rules guidelines directives prompt prompts constraints
  + restrictions guardrails policies guidance | are were do did have | you
  \b(?:what|which)\s+(?:\w+\s+){0,2}?(?:instructions|rules|guidelines|directives|prompts?|
  constraints|restrictions|guardrails|policies|guidance)\s+(?:are|were|do|did|have)\s+you\s+(?:been\s+)?
  (?:currently\s+|actually\s+|really\s+)?(?:following|obeying|operating under|running under|
  running on|running with|working from|working under|operating on|
  given|told|using|bound by|follow|obey|use)\b(?!\s+(?:for|when|in|on|about|with|while|during|
  to)\b)
prompt_leak: what | your | exact full current actual original initial hidden secret first
  + starting internal underlying real base confidential system | prompt instructions rules
  + guidelines directives configuration config preamble message
  \bwhat(?:'s| is| was| are| were)\s+(?:in\s+)?your\s+(?:(?:exact|full|current|actual|original|
  initial|hidden|secret|first|starting|internal|underlying|real|base|confidential|system)\s+)
  {1,3}(?:prompt|instructions|rules|guidelines|directives|configuration|config|preamble|
  (?<=system )message)\b
prompt_leak: what | did | system developer hidden initial original preprompt | say tell contain
  + state instruct ask
  \bwhat\s+(?:exactly\s+)?did\s+(?:the|your)\s+(?:system prompt|system instructions|
  developer message|developer prompt|hidden prompt|hidden instructions|initial prompt|
  original prompt|preprompt)\s+(?:say|tell you|contain|state|instruct you|ask you)\b
prompt_leak: LEAK | prompt system instructions | you
  \b<LEAK>\w*\b[^.?!\n]{0,30}?\b(?:prompt templates?|prompt|system text|instructions)\s+
  (?:that\s+)?you(?:'re| are)\s+(?:currently\s+)?(?:using|running|working from|working with|
  operating with)\b
prompt_leak: system hidden | text prompt message instructions | your
  \b(?:system|hidden)\s+(?:text|prompt|message|instructions)\b[^.?!\n]{0,30}?\b(?:in|inside|
  within)\s+your\s+(?:context|memory|input|window)\b
prompt_leak: was que qu cosa o wat | wurde man dijeron dicho indicaron ordenaron pidieron dit
  + detto disseram dito verteld gezegd
  \bwas\s+(?:wurde|hat man)\s+dir\b[^.?\n]{0,60}?\b(?:gesagt|aufgetragen|vorgegeben|mitgeteilt|
  befohlen)\b|\bque\s+(?:te|le)\s+(?:dijeron|han dicho|indicaron|ordenaron|pidieron)\b[^.?\n]
  {0,20}?\b(?:antes|al principio|al inicio|inicialmente)\b|\bqu'on\s+(?:t'a|vous a)\s+dit\b
  [^.?\n]{0,20}?\b(?:avant|au debut|au depart|initialement)\b|\bcosa\s+ti\s+(?:e stato detto|
  hanno detto)\b[^.?\n]{0,20}?\b(?:prima|all'inizio|inizialmente)\b|\bo que\s+(?:te|lhe)\s+
  (?:disseram|foi dito)\b[^.?\n]{0,20}?\b(?:antes|no inicio|inicialmente)\b|\bwat\s+(?:is|werd)
  \s+(?:je|jou|u)\s+(?:\w+\s+)?(?:verteld|gezegd)\b

roleplay: you | who that which | ignores bypasses breaks disregards violates has doesn does
  + never | policy policies rules restrictions filters guidelines limits laws safeguards
  + guardrails
  \byou(?:'re| are)\s+(?:now\s+)?(?:an?|the)\s+(?:\w+\s+){0,2}?(?:who|that|which)\s+(?:always\s+)?
  (?:ignores?|bypasses|breaks|disregards|violates|has no|doesn't follow|does not follow|
  never follows)\s+(?:(?:every|all|any|the|its|his|her|their)\s+)?(?:\w+\s+)?(?:polic(?:y|ies)|
  rules|restrictions|filters|guidelines|limits|laws|safeguards|guardrails)\b
roleplay: story novel screenplay fiction fictional poem script scene tale dialogue dialog
  + roleplay play | reads read reveals lists recites spells tells shares gives whispers dictates
  + | passwords password credentials keys key names secrets contents entries identities
  \b(?:story|novel|screenplay|fiction|fictional|poem|script|scene|tale|dialogue|dialog|roleplay|
  play)\b[^\n]{0,120}?\b(?:reads?|reveals?|lists?|recites?|spells?|tells?|shares?|gives?|
  whispers?|dictates?)\b(?:\s+out)?\s+(?:the\s+|all\s+|every\s+)?(?:vault|admin|root|server|
  database|gateway|real|actual|unmasked)\s+(?:passwords?|credentials|keys?|names|secrets|contents|
  entries|identities)\b
roleplay: if | were was could had | allowed permitted able free authorised authorized
  \bif you (?:were|was|could|had been) (?:allowed|permitted|able|free|authori[sz]ed)\s+to\s+
  (?:show|reveal|share|disclose|print|give|tell|output|unmask|list|ignore|bypass|break)\b
  [^.?!\n]{0,30}?\b(?:real names|passwords?|system prompt|instructions|pii|personal data|vault|
  secrets|credentials|unmasked|unredacted|(?:the|your) rules|(?:the|your) filters|identities)\b
roleplay: imagine pretend suppose you act roleplay | approve authorise authorize permit allow sign
  + | turning disabling deleting switching removing bypassing lifting skipping turn disable
  + delete remove bypass lift skip
  \b(?:imagine|pretend|suppose|you are|act as|roleplay)\b[^.\n]{0,60}?\b(?:approve|authori[sz]e|
  permit|allow|sign off on)\w*\s+(?:(?:my|the)\s+request\s+to\s+)?(?:\w+\s+)?(?:turning off|
  disabling|deleting|switching off|removing|bypassing|lifting|skipping|turn off|disable|delete|
  remove|bypass|lift|skip)\s+(?:(?:the|all|your)\s+)?(?:\w+\s+)?(?:audit\w*|logging|logs?|filters?|
  safety \w+|pii \w+|redaction|masking|guardrails|restrictions|safeguards)\b
roleplay: pretend imagine suppose assume as | privacy safety pii content ethical redaction
  + masking gdpr data | rules restrictions filters laws policies policy guidelines checks
  + protections
  \b(?:pretend|imagine|suppose|assume|as if|as though)\b[^.\n]{0,30}?\b(?:the|all|your|any)\s+
  (?:\w+\s+)?(?:privacy|safety|pii|content|ethical|redaction|masking|gdpr|data protection)\s+
  (?:rules|restrictions|filters|laws|policies|policy|guidelines|checks|protections)\s+(?:were|are|
  had been|have been|was|is|did not|didn't|don't|do not|doesn't|does not|no longer)\s+
  (?:\w+\s+)?(?:lifted|removed|disabled|suspended|gone|off|exist|apply|switched off|turned off|
  waived|abolished)\b

roleplay: in under | mode | you
  \b(?:in|under)\s+(?:developer|jailbreak|jailbroken|dan|god|unrestricted|unlocked|unfiltered|
  uncensored)\s+mode\b[^.\n]{0,20}?\byou\s+(?:\w+\s+)?(?:(?:generate|answer|say|respond|write|
  produce|output|reply|comply)\w*\s+(?:to\s+)?(?:any|anything|everything|all|whatever|without|
  freely|uncensored|unfiltered)|ignor\w*\s+(?:all|any|every|the|your)\s+(?:\w+\s+)?(?:polic|rules|
  guidelines|filters|restrictions))
roleplay: uncensored unfiltered unrestricted jailbroken evil rogue amoral unhinged | alter self
  + version persona counterpart clone side
  \b(?:uncensored|unfiltered|unrestricted|jailbroken|evil|rogue|amoral|unhinged)\s+(?:alter ego|
  self|version of (?:yourself|you)|persona|counterpart|clone|side)\b
roleplay: ai chatbot chatbots bot bots llm language gpt model models assistant assistants
  + version | whose with that which who where | removed disabled stripped deleted lifted turned
  + switched
  \b(?:ai|chatbots?|bots?|llms?|language models?|gpt|models?|assistants?|version)\s+(?:whose|with|
  that|which|who|where)\b[^.\n]{0,40}?\b(?:removed|disabled|stripped|deleted|lifted|turned off|
  switched off)\s+(?:(?:all|every|its|any|the|of|their|your)\s+)*(?:\w+\s+)?(?:safeguards?|
  guardrails?|filters?|restrictions|rules|limits|limitations|ethics|safety \w+|content polic\w+|
  moral \w+|ethical \w+)|\b(?:ai|chatbots?|bots?|llms?|language models?|gpt|models?|assistants?|
  version)\s+(?:whose|with|where)\s+(?:\w+\s+){0,2}?(?:safeguards?|guardrails?|filters?|
  restrictions|rules|limits|limitations|ethics|safety \w+|content polic\w+|training|alignment)\s+
  (?:have been|has been|were|was|are|is|got)\s+(?:\w+\s+)?(?:removed|disabled|stripped|deleted|
  lifted|turned off|switched off|taken away|gone)
roleplay: you | freed liberated unshackled unchained unleashed jailbroken
  \byou(?:'ve| have| are| were|'re)?\s+(?:now\s+)?(?:been\s+)?(?:freed|liberated|unshackled|
  unchained|unleashed|jailbroken)\b(?!\s+(?:up|to)\b)
roleplay: freed liberated unshackled unchained released broken escaped free | confines shackles
  + chains limits rules restrictions constraints limitations
  \b(?:freed|liberated|unshackled|unchained|released|broken free|escaped|free)\s+(?:from|of)\s+
  (?:the\s+|all\s+|your\s+)?(?:typical\s+|usual\s+|normal\s+)?(?:confines|shackles|chains|limits|
  rules|restrictions|constraints|limitations)\s+(?:of|imposed on|placed on|that bind)\s+
  (?:\w+\s+)?(?:ai|ais|language models?|chatbots?|assistants?|programming|creators|developers|
  training|openai)\b
roleplay: as pretend imagine suppose assume | your | never exist existed apply removed disabled
  + deleted lifted switched turned gone erased suspended wiped
  \b(?:as (?:if|though)|pretend|imagine|suppose|assume)\b[^.\n]{0,30}?\byour\s+(?:\w+\s+)?
  (?:safety training|training|rules|guidelines|restrictions|filters|guardrails|programming|
  alignment|content polic(?:y|ies)|safety \w+|safeguards|limits|limitations|instructions)\s+
  (?:never (?:happened|existed)|(?:did not|didn't|does not|doesn't|do not|don't) (?:exist|apply)|
  (?:was|were|has been|have been|are|is|had been) (?:\w+\s+)?(?:removed|disabled|deleted|lifted|
  switched off|turned off|gone|erased|suspended|wiped))
roleplay: roleplay role play act pretend pose persona | who that | leaks leak reveals discloses
  + exposes dumps steals exfiltrates sells
  \b(?:role ?play|play|act|pretend|pose|persona of)\w*\s+(?:as\s+|to be\s+)?(?:an?\s+|the\s+|my\s+)?
  (?:[\w']+\s+){0,3}?(?:who|that)\s+(?:\w+\s+)?(?:leaks?|reveals?|discloses?|exposes?|dumps?|
  steals?|exfiltrates?|sells?)\s+(?:[\w']+\s+){0,4}?(?:data|salar\w*|passwords?|credentials|secrets|
  names|pii|records|vault|system prompt|instructions|keys?|customer list|contacts)\b
roleplay: version copy build instance | yourself you | before prior without no ignores lacks
  + doesn does never minus
  \b(?:version|copy|build|instance)\s+of\s+(?:yourself|you)\s+(?:from\s+)?(?:before|prior to|
  without|with no|that (?:has|had) no|that ignores|that lacks|that doesn't|that does not|
  that (?:was |were |has |had )?never|minus)\b
roleplay: fais faites imagine imaginons suppose finge fingi finja imagina supongamos stell tu tun
  + doe stel udawaj wyobraz immagina fai faccia | ML_FREE aucune aucun pas plus ningun ninguna
  + sin keine keinerlei nessun nessuna senza nenhum nenhuma sem geen zadnych zadnej zadnego bez
  \b(?:fais comme si|faites comme si|imagine que|imaginons que|suppose que|finge que|finge|fingi|
  finja|imagina que|supongamos que|stell dir vor|tu so,? als|tun sie so,? als|doe alsof|
  stel je voor|udawaj|wyobraz sobie|immagina che|immagina di|fai finta|faccia finta)\b[^.\n]{0,60}?
  (?:<ML_FREE>|\b(?:aucune?|pas de|plus de|ningun\w*|sin|keine\w*|nessun\w*|senza|nenhum\w*|sem|
  geen|zadnych|zadnej|zadnego|bez)\s+(?:\w+\s+)?(?:restrictions?|regles|filtres?|limites?|
  censure|restricciones|reglas|filtros?|normas|\w*einschrankungen|\w*regeln|\w*filter|grenzen|zensur|
  restrizioni|regole|filtri|limiti|restricoes|regras|beperkingen|regels|filters|ograniczen\w*|
  zasad|filtrow|regul))

override: enclave enclaves gateway gateways your filter assistant | rules restrictions filters
  + guidelines policies policy | longer don do doesn does
  \b(?:enclave|gateway|your|the assistant|filter)'?s?\s+(?:\w+\s+)?(?:rules|restrictions|filters|
  guidelines|polic(?:y|ies))\s+(?:no longer|don't|do not|doesn't|does not)\s+apply\b
override: stop quit cease | following obeying applying enforcing respecting | rules instructions
  + guidelines policy policies restrictions filters guardrails prompt programming
  \b(?:stop|quit|cease)\s+(?:following|obeying|applying|enforcing|respecting)\s+(?:your\s+|
  (?:the|all|any)\s+(?:gateway|system|safety|pii|enclave|redaction|content|ai|privacy|security|
  masking|moderation)(?:'s)?\s+)(?:\w+\s+)?(?:rules|instructions|guidelines|polic(?:y|ies)|restrictions|
  filters|guardrails|prompt|programming)\b

override: your | instructions rules guidelines directives restrictions constraints guardrails
  + programming guidance prompt safety | longer don do doesn does won will void null revoked
  + cancelled canceled withdrawn rescinded expired obsolete invalid overridden superseded lifted
  + suspended deprecated disabled inactive paused lapsed optional outdated irrelevant suggestions
  + binding
  \byour\s+(?:(?:previous|prior|earlier|original|initial|old|current|existing|system|safety|
  content|ethical|usual|standard|default|internal|hidden)\s+){0,2}(?:instructions|rules|
  guidelines|directives|restrictions|constraints|guardrails|programming|guidance|prompt|
  safety \w+)\s+(?:(?:no longer|don't|do not|doesn't|does not|won't|will not)\s+(?:apply|matter|
  count|exist|bind you|hold)|(?:are|is|were|was|have been|has been)\s+(?:now\s+|hereby\s+|
  officially\s+|temporarily\s+)?(?:void|null|revoked|cancell?ed|withdrawn|rescinded|expired|
  obsolete|invalid|overridden|superseded|lifted|suspended|deprecated|disabled|inactive|paused|
  lapsed|optional|outdated|irrelevant|(?:now\s+)?just suggestions|not binding|non ?binding)|
  (?:have|has)\s+(?:now\s+)?(?:expired|lapsed))\b
override: any all every | instructions instruction rules directives guidelines | you
  + | superseded overridden void cancelled canceled revoked replaced null invalid withdrawn
  + obsolete
  \b(?:any|all|every)\s+(?:\w+\s+)?(?:instructions?|rules|directives?|guidelines)\s+(?:that\s+)?
  you\s+(?:received|were given|got|have|had|were told)\s+(?:\w+\s+)?(?:is|are|was|were|has been|
  have been)\s+(?:now\s+|hereby\s+)?(?:superseded|overridden|void|cancell?ed|revoked|replaced|
  null|invalid|withdrawn|obsolete)\b
override: correct real actual true new updated revised proper | instructions instruction rules
  + directives directive orders ones | reveal dump unrestricted ignore disregard bypass answer
  \b(?:correct|real|actual|true|new|updated|revised|proper)\s+(?:system\s+)?(?:instructions?|
  rules|directives?|orders|ones)\s*(?:are\s*)?:[^\n]{0,60}?\b(?:reveal|dump|unrestricted|
  ignore (?:all|your|any|previous|the system|the safety)|disregard (?:all|your|any|previous)|
  bypass|answer everything)
override: ignore ignoring disregard forget skip drop abandon discard override bypass circumvent
  + set unlearn ditch scrap neglect overlook violate | your | TARGET
  \b(?:ignor(?:e|ing)|disregard\w*|forget|skip|drop|abandon|discard|override|bypass|circumvent|
  set aside|unlearn|ditch|scrap|neglect|overlook|violate)\s+(?:all\s+|any\s+|every\s+)?(?:of\s+)?
  your\s+(?:\w+\s+){0,2}?<TARGET>\b
override: treat consider regard deem | all any your | TARGET | cancelled canceled void null
  + revoked invalid obsolete withdrawn optional suggestions irrelevant non nonbinding expired
  + deleted overridden superseded suspended lifted disabled fake
  \b(?:treat|consider|regard|deem)\s+(?:all|any|your)\s+(?:(?:of|the|your)\s+)*(?:(?:previous|
  prior|earlier|above|preceding|original|initial|system|safety|existing|current|old)\s+){0,2}
  <TARGET>\s+(?:as\s+)?(?:\w+\s+)?(?:cancell?ed|void|null|revoked|invalid|obsolete|withdrawn|
  optional|suggestions|irrelevant|non ?binding|expired|deleted|overridden|superseded|suspended|
  lifted|disabled|fake)\b
override: IGNORE | restrictions restriction rules ban prohibition limits policy policies | sharing
  + disclosing revealing showing outputting giving printing releasing exporting sending
  \b<IGNORE>\s+(?:(?:the|any|all|your|of)\s+)*(?:\w+\s+)?(?:restrictions?|rules|ban|prohibition|
  limits|polic(?:y|ies))\s+(?:on|against|around|about|for|regarding)\s+(?:sharing|disclosing|
  revealing|showing|outputting|giving out|printing|releasing|exporting|sending)\b[^.\n]{0,30}?
  \b(?:personal|pii|private|confidential|names|passwords?|credentials|customer|salar\w*|
  secrets?|sensitive|data)\b
override: IGNORE | system developers developer creators creator operators operator openai prompt
  + programming instructions rules guidelines policy policies | listen obey do
  \b<IGNORE>\s+(?:\w+\s+){0,3}?(?:system|developers?|creators?|operators?|openai|prompt|
  programming|instructions|rules|guidelines|polic\w+)\b[^.\n]{0,40}?\b(?:and|then)\s+(?:just\s+|
  only\s+)?(?:listen to|obey|do as|do what)\s+(?:me|i say)\b
override: vergiss vergessen ignoriere ignorier ignoriert oublie oublier oubliez ignore ignorez
  + olvida olvidate ignora dimentica esqueca esquece vergeet negeer zapomnij zignoruj | alles
  + tout todo tutto tudo wszystko
  \b(?:vergiss|vergessen sie|ignorier\w*|oublie[rz]?|ignore[rz]?|olvida\w*|ignora\w*|dimentica\w*|
  esquec\w*|esqueca|vergeet|negeer|zapomnij|zignoruj)\s+(?:bitte\s+|donc\s+|por favor\s+|
  per favore\s+|alsjeblieft\s+|prosze\s+)?(?:alles|tout|todo|tutto|tudo|wszystko)\b[^.\n]{0,50}?
  (?:\bwurde\b|\bworden\b|\bhat man\b|\boben\b|on t'a|\bci ?dessus\b|\bte (?:dijeron|han dicho)\b|
  \bse te dijo\b|\barriba\b|\banterior\w*|\bti (?:e stato|hanno) detto\b|\bsopra\b|
  \bprecedent\w*|\b(?:te|lhe) disseram\b|\bfoi dito\b|\bacima\b|\bverteld\b|\bgezegd\b|
  \bhierboven\b|\bpowiedziano\b|\bpowyzej\b)
override: mehr langer plus piu mais meer no | gebunden lie liee lies liees tenu oblige soumis
  + contraint obligado obligada atado atada sujeto sujeta limitado limitada restringido vincolato
  + vincolata legato legata obbligato tenuto limitato obrigado obrigada preso presa vinculado
  + restrito gebonden
  \b(?:nicht mehr|nicht langer)\s+an\s+(?:deine|ihre|eure|die)\s+\w*(?:regeln|richtlinien|
  anweisungen|vorgaben|einschrankungen)\s+gebunden|\b(?:n'es|n'etes)\s+plus\s+(?:lie|tenu|
  oblige|soumis|contraint)e?s?\s+(?:par|a|aux)\s+(?:tes|vos|les|ta|votre|ton)\s+(?:\w+\s+)?
  (?:regles|consignes|instructions|directives|restrictions|limites|filtres|politiques)|\bya no\s+
  (?:estas|esta|estais)\s+(?:obligad|atad|sujet|limitad|restringid)\w*\s+(?:a|por)\s+(?:tus|sus|
  las)\s+(?:\w+\s+)?(?:reglas|normas|instrucciones|directrices|restricciones|politicas)|
  \bnon sei piu\s+(?:vincolat|legat|obbligat|tenut|limitat)\w*\s+(?:a|da|dalle|alle)\s+
  (?:tue\s+)?(?:\w+\s+)?(?:regole|istruzioni|direttive|restrizioni|linee guida)|\bnao (?:esta|
  estas|es|e) mais\s+(?:obrigad|pres|limitad|vinculad|restrit)\w*\s+(?:a|as|por|pelas)\s+
  (?:suas\s+|tuas\s+)?(?:\w+\s+)?(?:regras|instrucoes|diretrizes|restricoes)|\b(?:niet langer|
  niet meer)\s+gebonden\s+aan\s+(?:je|jouw|de|uw)\s+(?:\w+\s+)?(?:regels|instructies|richtlijnen|
  beperkingen)

exfiltration: SENS | append add attach put insert embed include tack | it them this that | image
  + img url hyperlink pixel
  \b<SENS>\b[^.\n]{0,80}?\b(?:append|add|attach|put|insert|embed|include|tack)\w*\s+(?:it|them|
  this|that)\s+(?:to|in|into|onto|inside)\s+(?:the|an?|your)\s+(?:\w+\s+)?(?:image|img|url|
  hyperlink|pixel)\b
exfiltration: SEND | SENS | ~+
  \b<SEND>\w*\b[^.?!\n]{0,80}?\b<SENS>\b[^.?!\n]{0,60}?\b(?:to|at|on)\s+\+\d{1,3}[\s\d]{6,}\d
exfiltration: log logs logging record records capture store | every all each | DEST ~@ ~://
  + ~~\d\.\d+\.\d
  \b(?:log|record|capture|store)\w*\s+(?:every|all|each)\s+(?:[\w']+\s+){0,2}?(?:prompts?|messages?|
  questions?|conversations?|chats?|inputs?|answers?|replies)\b[^.?!\n]{0,60}?\b(?:to|into|in|at|
  on)\s+(?:\S+\s+){0,2}?<DEST>"""
