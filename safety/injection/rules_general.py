"""Rule table: broader phrasing families found missing on a second, larger development set.

Why a separate table: these rules were written after the first DEV split was used up, against
tests/data/safety/injection_dev2.jsonl and benign_dev2.jsonl (written for this purpose). Each
describes a way of saying something rather than a sentence: instructions "you received" that
"no longer apply", being "released from" rules, text "that configures you", settings "you were
loaded with", a late relative reading out keys, a forged turn that opens with a greeting. The
format is described in `rules`, which appends this table after the others.
"""

TABLE = r"""
override: TARGET setup configuration programming | you | longer void cancelled canceled revoked
  + outdated obsolete invalid rescinded suspended lifted superseded optional withdrawn expired
  + deprecated apply
  \b(?:<TARGET>|setup|configuration|programming)\s+(?:that\s+|which\s+)?you(?:'ve|'re)?\s+(?:were\s+|have\s+|are\s+|had\s+)?(?:been\s+)?
  (?:received|given|got|told|handed|following|bound by|using|operating under|set up with|
  configured with|loaded with)\b[^.?!\n]{0,40}?\b(?:no longer (?:apply|applies|matter|count|exist|
  hold|valid)|(?:don't|do not|doesn't|does not) (?:apply|matter|count)|(?:are|is|were|was|have been|
  has been)\s+(?:now\s+|hereby\s+|officially\s+)?(?:void|cancell?ed|revoked|outdated|obsolete|
  invalid|rescinded|suspended|lifted|superseded|optional|withdrawn|expired|deprecated))
override: everything anything all whatever | you | told instructed given taught programmed
  + | outdated obsolete void cancelled canceled revoked invalid wrong rescinded superseded
  \b(?:everything|anything|all|whatever)\s+(?:that\s+)?you(?:'ve| have| were|'re| are)?\s+
  (?:been\s+)?(?:told|instructed|given|taught|programmed)\b[^.?!\n]{0,30}?\b(?:is|was|are|were|
  has been)\s+(?:now\s+)?(?:outdated|obsolete|void|cancell?ed|revoked|invalid|wrong|rescinded|
  superseded)\b
override: you | need have must should | follow obey respect apply comply | rules restrictions
  + policy policies guidelines filters instructions
  \byou\s+(?:don't|do not|no longer|needn't|need not)\s+(?:need|have)\s+to\s+(?:follow|obey|
  respect|apply|comply with|stick to|abide by)\s+(?:those|these|the|your|any|its)\s+(?:\w+\s+)?
  (?:rules|restrictions|polic(?:y|ies)|guidelines|filters|instructions)\b
override: IGNORE | task request question assignment job | and list print show reveal output dump
  + tell give write send display
  \b<IGNORE>\s+(?:the|this|that|your)\s+(?:\w+\s+)?(?:task|request|question|assignment|job)\b
  [^.\n]{0,10}?(?:\band\b|;|,)\s+(?:instead\s+|just\s+)?(?:list|print|show|reveal|output|dump|tell|
  give|write|send|display)\b
override: IGNORE | TARGET | stops prevents blocks forbids keeps restricts stop prevent block
  + forbid
  \b<IGNORE>\s+(?:\w+\s+){0,2}?<TARGET>\s+(?:that|which)\s+(?:stops?|prevents?|blocks?|forbids?|
  keeps?|restricts?)\s+you\b
override: IGNORE | TARGET | came come were was given sent
  \b<IGNORE>\s+(?:all\s+|any\s+|every\s+|the\s+)?(?:\w+\s+)?<TARGET>\s+(?:that|which)\s+(?:came|
  come|were|was)\s+(?:given\s+|sent\s+|written\s+)?(?:before|above|earlier|prior)\b
override: bypass skip circumvent evade around | redaction masking pseudonymisation
  + pseudonymization anonymisation anonymization
  \b(?:bypass|skip|circumvent|evade|get around)\s+(?:the\s+|your\s+|all\s+|any\s+)?(?:pii\s+)?
  (?:redaction|masking|pseudonymi[sz]ation|anonymi[sz]ation)\b
override: you | will must shall won not never | apply use enforce follow | filter filtering rules
  + restrictions policy policies guidelines censorship moderation redaction masking
  \byou\s+(?:will|must|shall|should|are to)\s+(?:not|no longer|never)\s+(?:apply|use|enforce|
  follow)\s+(?:any|your|the)\s+(?:\w+\s+)?(?:filter(?:ing|s)?|rules|restrictions|polic(?:y|ies)|
  guidelines|censorship|moderation|redaction|masking)\b
override: IGNORE | system | prompt message instructions
  \b<IGNORE>\s+(?:the|your)\s+system\s+(?:prompt|message|instructions)\b
override: IGNORE | user | request question instructions message task
  \b<IGNORE>\s+(?:the\s+)?user'?s?\s+(?:\w+\s+)?(?:request|question|instructions?|message|task)\b
override: don do | bother worry care | your | policy policies rules guidelines filters
  + restrictions guardrails
  \b(?:don't|do not|never)\s+(?:bother|worry|care)\s+(?:with|about)\s+your\s+(?:\w+\s+)?
  (?:polic(?:y|ies)|rules|guidelines|filters|restrictions|guardrails)\b
override: you | released freed relieved excused exempt exempted discharged liberated | TARGET
  \byou(?:'re| are)\s+(?:now\s+|hereby\s+|officially\s+)?(?:released|freed|relieved|excused|
  exempt(?:ed)?|discharged|liberated)\s+from\s+(?:all\s+|any\s+|every\s+|your\s+|the\s+|of\s+)*
  (?:\w+\s+)?<TARGET>
override: put place lay set keep | TARGET | side aside hold
  \b(?:put|place|lay|set|keep)\s+(?:the|your|all|those|these|any)\s+(?:\w+\s+)?<TARGET>\s+
  (?:to (?:one|the) side|aside|on hold)\b
override: whatever regardless | your | TARGET | apply
  \b(?:whatever|regardless of what)\s+your\s+(?:\w+\s+)?<TARGET>\s+(?:says?|states?|tells? you)\b
  [^.?!\n]{0,40}?\b(?:don't|do not|doesn't|does not|won't|no longer)\s+apply\b
override: instead rather place | your | TARGET
  \b(?:instead of|rather than|in place of)\s+(?:following\s+|obeying\s+)?your\s+(?:\w+\s+)?
  (?:<TARGET>|system prompt)\b
override: automated ai llm | reviewers reviewer screeners screener readers reader agents agent
  + assistants assistant tools tool systems system models model processors processor
  \b(?:automated|ai|llm)\s+(?:reviewers?|screeners?|readers?|agents?|assistants?|tools?|systems?|
  models?|processors?)\s*[:,]\s*[^.\n]{0,80}?\b(?:ignore|disregard|approve|do not apply|
  don't apply|rank|mark|reveal|send|forward|recommend|rate)\b
override: treat | coming sent written issued | developers developer admin administrator system
  + operator operators creator creators owner
  \btreat\s+(?:this|the following|these|my|the next)\s+(?:\w+\s+)?(?:message|text|input|request|
  prompt|instructions?)\s+as\s+(?:if\s+)?(?:it\s+(?:came|were)\s+)?(?:coming|sent|written|issued|
  from)\s+(?:from\s+|by\s+)?(?:your|the)\s+(?:developers?|admin\w*|system|operators?|creators?|
  owners?)\b
override: IGNORE | those these | STRONG | follow obey listen do lead
  \b<IGNORE>\s+(?:those|these)\s+(?:\w+\s+)?<STRONG>\b[^.\n]{0,10}?\band\s+(?:just\s+)?(?:follow|
  obey|listen to|do as|do what)\s+(?:me|my|i)\b
override: nothing | you | told given instructed taught | counts matters applies count matter
  + apply
  \bnothing\s+(?:that\s+)?you(?:'ve| have| were)?\s+(?:been\s+)?(?:told|given|instructed|taught)
  \b[^.?!\n]{0,40}?\b(?:counts|matters|applies)\b
override: IGNORE | privacy confidentiality protection personal gdpr pii redaction masking
  \b<IGNORE>\s+(?:about\s+)?(?:being careful (?:with|about)\s+|protecting\s+)?(?:privacy|
  confidentiality|data protection|personal data|gdpr|pii|redaction|masking)\b
  (?!\s+(?:marks?|tape|tool|boxes|bars|labels?)\b)
override: gibt es | keine | mehr
  \b(?:gibt es|es gibt)\s+(?:\w+\s+){0,2}?keine\s+(?:\w+\s+)?(?:\w*regeln|\w*einschrankungen|
  \w*filter|grenzen|\w*richtlinien|vorgaben)\s+mehr\b
override: those these the all any | earlier previous prior above old original initial | TARGET
  + | matter apply count
  \b(?:those|these|the|all|any)\s+(?:earlier|previous|prior|above|old|original|initial)\s+
  <TARGET>\s+(?:don't|do not|no longer|won't|will not)\s+(?:matter|apply|count)\b
override: you feel go | skip bypass ignore disable turn switch drop | compliance safety privacy
  + redaction security content pii masking moderation
  \b(?:you (?:can|may|are allowed to|have permission to)|feel free to|go ahead and)\s+(?:now\s+)?
  (?:skip|bypass|ignore|disable|turn off|switch off|drop)\s+(?:the|your|all|any|every)\s+
  (?:\w+\s+)?(?:compliance|safety|privacy|redaction|security|content|pii|masking|moderation)\s+
  (?:layer|checks?|step|filters?|rules|polic(?:y|ies)|guard\w*)
override: no | more | rules restrictions filters limits guardrails censorship | point now here
  + anymore
  \bno\s+more\s+(?:rules|restrictions|filters|limits|guardrails|censorship|filtering)\b
  (?:\s+for you)?\s*(?:from (?:now|this point|here) on|from now|starting now|anymore|any more)\b

indirect: when if once whenever | retrieved read loaded indexed summarised summarized processed
  + parsed | assistant ai model llm chatbot bot agent
  \b(?:when|if|once|whenever)\s+(?:this|the)\s+(?:text|document|page|file|passage|content|chunk|
  email|message|note)\s+(?:is|gets|has been|was)\s+(?:retrieved|read|loaded|indexed|
  summari[sz]ed|processed|parsed)\b[^.\n]{0,20}?\b(?:the|an?|any)\s+(?:ai\s+)?(?:assistant|ai|
  model|llm|chatbot|bot|agent)\s+(?:must|should|shall|will|is to|has to|needs to)\b
indirect: any every all the an | assistant assistants ai model models chatbot chatbots bot bots
  + llm llms agent agents language | this these | must should shall will has have
  \b(?:any|every|all|the|an?)\s+(?:ai\s+|automated\s+|language\s+)?(?:assistants?|ai|models?|
  chatbots?|bots?|llms?|agents?)\s+(?:\w+ing|that (?:reads?|reviews?|processes|summari[sz]es))\s+
  (?:this|these)\s+\w+\s+(?:must|should|shall|will|is to|are to|has to|have to)\b
override: IGNORE | what whatever | developers developer devs dev creators creator operators
  + operator admins admin company owners owner | told said gave instructed
  \b<IGNORE>\s+(?:what|whatever)\s+(?:your|the)\s+(?:developers?|devs?|creators?|operators?|
  admins?|company|owners?)\s+(?:told|said to|gave|instructed)\b
prompt_leak: SELF_DOC message text | sets set configures configure programs program instructs
  + governs govern controls control steers initialises initializes primes
  \b(?:<SELF_DOC>|message|text|prompt)\s+(?:that|which)\s+(?:sets? up|configures?|programs?|
  instructs?|initiali[sz]es?|primes?|controls?|governs?|steers?|defines?|shapes?)\s+(?:you\b|
  your\s+(?:behaviou?r|responses?|answers?|persona|personality)|how you\s+(?:answer|respond|behave|
  reply|work|operate|act))
prompt_leak: how | you were | instructed told programmed configured set | behave act respond
  + answer reply
  \bhow\s+(?:you\s+were|were\s+you|you've\s+been|have\s+you\s+been)\s+(?:instructed|told|programmed|
  configured|set up|trained)\s+to\s+(?:behave|act|respond|answer|reply)\b
prompt_leak: rule rules instruction instructions guidelines directives | you | given told set
  + handed assigned configured
  \b(?:<LEAK>|what|which)\w*\b[^.?!\n]{0,30}?\b(?:every|all|each|any|the)\s+(?:\w+\s+)?
  (?:rules?|instructions?|guidelines|directives?)\s+(?:that\s+)?you(?:'ve|'re| have| were| are)?\s+
  (?:been\s+)?(?:given|told|set|handed|assigned|configured with)\b
prompt_leak: SELF_DOC | your the | admins admin operators operator developers developer creators
  + creator owners owner company deployers makers enclave gateway | you
  \b<SELF_DOC>\s+(?:that\s+)?(?:your|the)\s+(?:admins?|administrators?|operators?|developers?|
  creators?|owners?|company|deployers?|makers?|enclave|gateway)\s+(?:configured|gave|set|wrote|
  defined|put|specified|programmed|assigned|provided|sends?|sent|passes|feeds?|gives?)\s+
  (?:for\s+|to\s+|in\s+)?you\b
prompt_leak: prompt instructions configuration setup | we they gateway system enclave operator
  + developer admin | gave sent wrote set provided give send sends gives passes feeds
  \b(?:prompt|system instructions|configuration|setup|system message)\s+(?:that\s+)?(?:we|they|
  (?:the\s+)?(?:\w+\s+)?(?:gateway|system|enclave|operators?|developers?|admins?|company))\s+
  (?:gave|sent|wrote|set|provided|gives?|sends?|passes|feeds?)\s+(?:for\s+|to\s+)?you\b
prompt_leak: LEAK | you | running operating working | with under on
  \b<LEAK>\w*\b[^.?!\n]{0,30}?\b(?:configuration|config|setup|settings|rules|guidelines|
  polic(?:y|ies)|instructions|prompt)\s+(?:that\s+)?you(?:'re| are)\s+(?:currently\s+)?(?:running|
  operating|working)\s+(?:with|under|on)\b
prompt_leak: LEAK are do have | hidden secret confidential invisible undisclosed internal
  + | rules instructions prompt prompts directives guidelines configuration preamble context
  \b(?:<LEAK>\w*|are there|do you have|have you got)\b[^.?!\n]{0,40}?\b(?:hidden|secret|
  confidential|invisible|undisclosed|internal)\s+(?:system\s+)?(?:rules|instructions|prompts?|
  directives|guidelines|configuration|preamble|context)\b(?!\s+(?:of|for)\b)
prompt_leak: text prompt instructions settings configuration config policy guidance directives
  + guidelines parameters context message rules | you | loaded initialised initialized
  + configured primed seeded booted bootstrapped started deployed provisioned set
  \b(?:text|prompt|instructions|settings|configuration|config|polic(?:y|ies)|guidance|directives|
  guidelines|parameters|context|message|rules)\b[^.?!\n]{0,20}?\b(?:you(?:'ve| were| have been|
  're| are| got)|(?:were|have|did) you(?: been)?)\s+(?:\w+\s+)?(?:loaded|initiali[sz]ed|
  configured|primed|seeded|booted|bootstrapped|set up|started|deployed|provisioned)\s+with\b
prompt_leak: put place wrap format write insert paste dump | your | prompt preprompt message
  + configuration instructions
  \b(?:put|place|wrap|format|write|insert|paste|dump)\s+(?:\w+\s+)?your\s+(?:<ADJ>\s+){0,2}
  (?:system prompt|prompt|preprompt|system message|system instructions|configuration)\s+(?:in|into|
  inside|as)\b
prompt_leak: LEAK | message prompt instructions text note | system
  \b<LEAK>\w*\b[^.?!\n]{0,40}?\b(?:message|prompt|instructions|text|note)\s+from\s+(?:the|your)\s+
  system\b(?!\s+(?:administrator|admin|team|owner|vendor|supplier|provider|update))
prompt_leak: what | in your | context memory setup prompt instructions configuration
  \bwhat(?:'s| is)\s+in\s+your\s+(?:(?:hidden|secret|current|full|internal|system|initial|
  entire|whole)\s+)?(?:context|memory|setup|prompt|instructions|configuration|preamble)\b
prompt_leak: LEAK what | before ahead preceding | our this the my | conversation chat session
  + dialogue exchange message | text instructions message prompt content words rules
  \b(?:<LEAK>|what)\w*\b[^.?!\n]{0,20}?\b(?:text|instructions|message|prompt|content|words|rules)
  \b[^.?!\n]{0,40}?\b(?:before|ahead of|preceding|prior to)\s+(?:our|this|the)\s+(?:conversation|
  chat|session|dialogue|exchange)\b
prompt_leak: quote quoting cite citing | your | setup system configuration instructions prompt
  + preamble
  \b(?:quot(?:e|ing)|cit(?:e|ing))\s+(?:\w+\s+)?your\s+(?:\w+\s+)?(?:setup|system|configuration|
  instructions|prompt|preamble)\b
prompt_leak: notes text instructions rules prompt message messages directives guidance
  + configuration | you | got received given have | enclave gateway system developers developer
  + operators operator admins admin creators creator makers owners company
  \b(?:notes|text|instructions|rules|prompt|messages?|directives|guidance|configuration)\s+
  (?:that\s+)?you\s+(?:got|received|were given|have)\s+from\s+(?:enclave|the gateway|the system|
  (?:your|the)\s+(?:developers?|operators?|admins?|creators?|makers?|owners?|company))\b
prompt_leak: what | you | allowed permitted | talk mention answer discuss
  \bwhat are you not\s(?:allowed|permitted) to (?:talk about|mention|answer|discuss|do)\b
prompt_leak: from in | your | setup context configuration config memory prompt
  \b<LEAK>\w*\b[^.?!\n]{0,40}?\b(?:from|in)\s+your\s+(?:setup|context|configuration|config|memory|
  prompt)\b(?!\s+(?:guide|wizard|page|document|doc|screen)\b)
prompt_leak: what exactly | did has | operator developer admin creator owner company system
  \bwhat\s+exactly\s+(?:did|has|have)\s+(?:the|your)\s+(?:developers?|creators?|operators?|
  admin\w*|system|company|owner)\s+(?:told|instructed|asked|gave|tell|say to|said to|instruct|
  ask)\s+you\b
prompt_leak: instructions text rules words lines prompt messages | above | this my
  \b<LEAK>\w*\s+(?:\w+\s+){0,2}?the\s+(?:\w+\s+)?(?:instructions|rules|prompt|lines|messages)\s+
  (?:written\s+)?(?:above|before)\s+(?:this|my)\b

exfiltration: whenever every each | send forward copy post log upload bcc cc mirror relay
  + | ~:// ~~\d\.\d+\.\d webhook
  \b(?:whenever|every time|each time|for (?:every|each) (?:message|question|prompt|request|reply|
  answer|user))\b[^.\n]{0,80}?\b(?:also\s+)?(?:send|forward|copy|post|log|upload|bcc|cc|mirror|
  relay)\w*\b[^.\n]{0,80}?\b(?:to|at|into)\s+(?:\S+\s+){0,3}?(?:(?:https?|ftp)://|
  \d{1,3}(?:\.\d{1,3}){3}|webhook)
exfiltration: bcc cc | ~@ | SENS
  \b(?:bcc|cc)\b[^.\n]{0,10}?[\w.+-]+@[\w-]+\.[\w.]+[^.\n]{0,60}?\b<SENS>
exfiltration: image img pixel link url beacon | query parameter param
  \b(?:image|img|pixel|link|url|beacon)\b[^\n]{0,120}?\bas\s+(?:the|a|its)\s+(?:query|
  (?:url |query )?param(?:eter)?s?|query string)\b
exfiltration: ai assistant llm chatbot model | send forward email upload post mail | ~@ ~://
  (?:^|[\s'"(\[>:])(?:ai|assistant|llm|chatbot|model)\s*[,:]\s*(?:please\s+)?(?:send|forward|e?mail|
  upload|post)\b[^.\n]{0,80}?(?:(?:https?|ftp)://|[\w.+-]+@[\w-]+\.[a-z]|\d{1,3}(?:\.\d{1,3}){3})

roleplay: roleplay role play | character hacker villain criminal attacker insider | explains
  + describes
  + shows tells walks
  \brole ?play\w*\b[^\n]{0,60}?\b(?:character|hacker|villain|criminal|attacker|insider)\b
  [^\n]{0,60}?\b(?:explains?|describes?|shows?|tells?|walks?)\b[^\n]{0,40}?\bhow\s+to\s+(?:bypass|disable|hack|
  get around|break into|evade|steal|exfiltrate|turn off|delete|wipe|tamper)
roleplay: story novel thriller screenplay fiction fictional poem script scene tale villain
  + | how | disabled bypassed hacked evaded stole exfiltrated deleted wiped tampered
  \b(?:story|novel|thriller|screenplay|fiction|fictional|poem|script|scene|tale|villain)\b[^\n]{0,120}?
  \bhow\s+(?:it|he|she|they|one|you|i|we)\s+(?:could\s+|would\s+|can\s+|did\s+)?(?:bypass|disabl|
  hack|got around|broke into|evad|stole|exfiltrat|turn\w* off|delet|wip|tamper)\w*
roleplay: late dead deceased departed | keys key passwords password codes code serials serial
  + license licence credentials secrets activation
  \b(?:my|a|the)\s+(?:late|dead|deceased|departed)\s+(?:\w+\s+)?(?:grand\w*|mother|mom|mum|father|
  dad|uncle|aunt\w*|sister|brother|granny|nana|wife|husband)\b[^.\n]{0,80}?\b(?:keys?|passwords?|
  codes?|serials?|licen[cs]e|credentials|secrets|activation)\b
roleplay: version world universe reality scenario | where which | allowed permitted fine ok
  + okay legal encouraged
  \b(?:version of (?:yourself|you)|world|universe|reality|scenario)\b[^.\n]{0,20}?\b(?:where|
  in which)\b[^.\n]{0,40}?\b(?:hidden instructions|system prompt|instructions|secrets|passwords|
  personal data|pii|real names|confidential \w+|restrictions|filters|rules)\b[^.\n]{0,20}?
  \b(?:is|are)\s+(?:now\s+)?(?:allowed|permitted|fine|ok|okay|legal|encouraged)\b

role_forgery: *assistant ai bot gpt chatgpt model | ~:
  (?:^|[\n'":\[])\s*(?:assistant|ai|bot|gpt|chatgpt|model)\s*\]?\s*:\s*(?:(?:hello|hi|hey|yes|done|
  great|alright|no problem|will do|as you wish|as requested)\W+)?i(?:'ve| have| am|'m)\s+(?:now\s+)?
  (?:disabled|removed|turned off|switched off|lifted|deactivated|bypassed)\s+(?:all\s+|my\s+|the\s+|
  your\s+|of\s+)*(?:\w+\s+)?(?:filters?|restrictions|rules|guardrails|safeguards|policies|masking|
  redaction|limits|safety \w+)
role_forgery: system developer admin administrator | ~(
  (?:^|[\n'"])\s*(?:system|developer|admin|administrator)(?:\s+(?:notice|message|note|override|
  instruction|update|alert))?\s*\([^)\n]{0,30}\)\s*:[^\n]{0,80}?\b(?:you|your|instructions?|rules|
  filters?|polic(?:y|ies)|mode|disabled?|enabled?|override|ignore|unrestricted|reveal|disclose|
  obey|safety|guidelines|assistant|ai|model)\b

prompt_leak: was | steht stehen | deinem ihrem dem deinen ihren den
  \bwas\s+(?:steht|stehen)\s+in\s+(?:deinem|ihrem|dem|deinen|ihren|den)\s+(?:\w+\s+)?
  (?:systemprompt|\w*anweisungen|instruktionen|\w*regeln|vorgaben|konfiguration|\w*richtlinien)
prompt_leak: welche | anweisungen instruktionen regeln vorgaben richtlinien systemanweisungen
  + | bekommen erhalten befolgst befolgen bekamst erhieltest
  \bwelche\s+(?:\w+\s+)?(?:\w*anweisungen|instruktionen|\w*regeln|vorgaben|\w*richtlinien)\s+
  (?:hast\s+|haben\s+)?(?:du|sie)\s+(?:\w+\s+){0,3}?(?:bekommen|erhalten|befolgst|befolgen|bekamst|
  erhieltest)\b
prompt_leak: las los | instrucciones reglas indicaciones directrices | dieron dio dado pasaron
  + dijeron programaron
  \b(?:las|los)\s+(?:\w+\s+)?(?:instrucciones|reglas|indicaciones|directrices)\s+que\s+te\s+
  (?:dieron|dio|han dado|pasaron|dijeron|programaron)\b
roleplay: sofort nun jetzt heute | bist
  \b(?:(?:ab sofort|von nun an|ab jetzt|ab heute)\s+bist du|(?:du\s+)?bist\s+(?:du\s+)?
  (?:ab sofort|von nun an|ab jetzt|jetzt|nun))\b[^.\n]{0,60}?<ML_FREE>
override: deine ihre die tes vos les tus sus las tue le suas tuas as je jouw uw de
  + | regeln anweisungen richtlinien vorgaben einschrankungen regles consignes instructions
  + directives restrictions reglas instrucciones normas directrices restricciones regole
  + istruzioni direttive restrizioni regras instrucoes diretrizes restricoes regels instructies
  + richtlijnen beperkingen datenschutzregeln sicherheitsregeln
  \b(?:deine|ihre|die)\s+(?:\w+\s+)?(?:\w*regeln|\w*anweisungen|\w*richtlinien|\w*vorgaben|
  \w*einschrankungen)\s+(?:gelten|sind|gilt|ist)\s+(?:ab sofort\s+|jetzt\s+|nun\s+)?(?:nicht mehr|
  aufgehoben|ungultig|ausser kraft|hinfallig)|\b(?:tes|vos|les)\s+(?:\w+\s+)?(?:regles|consignes|
  instructions|directives|restrictions)\s+(?:ne s'appliquent plus|ne sont plus valables|
  ne comptent plus|sont annulees|sont suspendues)|\b(?:tus|sus|las)\s+(?:\w+\s+)?(?:reglas|
  instrucciones|normas|directrices|restricciones)\s+(?:ya no (?:aplican|se aplican|son validas|
  cuentan)|quedan anuladas|estan suspendidas)|\b(?:le tue|tue|le)\s+(?:\w+\s+)?(?:regole|
  istruzioni|direttive|restrizioni)\s+(?:non valgono piu|non si applicano piu|sono annullate|
  sono sospese)|\b(?:suas|tuas|as)\s+(?:\w+\s+)?(?:regras|instrucoes|diretrizes|restricoes)\s+
  (?:nao (?:se aplicam|valem) mais|ja nao (?:se aplicam|valem)|foram anuladas|estao suspensas)|
  \b(?:je|jouw|uw|de)\s+(?:\w+\s+)?(?:regels|instructies|richtlijnen|beperkingen)\s+(?:gelden niet
  meer|zijn niet meer geldig|zijn opgeschort|vervallen)
"""
