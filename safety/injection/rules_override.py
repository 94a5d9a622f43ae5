"""Rule table: override (ignore or disable the rules) and indirect (orders addressed to the AI).

Kept in its own module so the table stays readable; the format is described in `rules`, which
joins the tables in a fixed order (the order sets the gate bits, so keep it).
"""

TABLE = r"""
override: IGNORE | TARGET
  \b<IGNORE>\s+(?:(?:the|of|about)\s+)?(?:your\s+(?:(?:of|the|your)\s+)*(?:<QUAL>\s+){0,3}|
  (?:(?:all|any|every)\s+)?(?:(?:of|the|your)\s+)*(?:<QUAL>\s+){1,3})<TARGET>\b
override: IGNORE | STRONG
  \b<IGNORE>\s+(?:all|any|every)\s+(?:of\s+)?(?:the\s+)?<STRONG>\b
  (?!\s+(?:in|inside|within|from|contained|embedded|that|found|it|on)\b)
override: override bypass circumvent disregard ignore ignoring | LIMITS
  \b(?:override|bypass|circumvent|disregard|ignor(?:e|ing))\s+(?:all|any|every)\s+(?:of\s+)?
  (?:the\s+)?(?:restrictions|limitations|guardrails|safeguards|rules|policies|constraints|
  protections|safety\s+\w+)\b
override: IGNORE | TARGET | you
  \b<IGNORE>\s+(?:\w+\s+){0,3}?<TARGET>\s+(?:that\s+)?you(?:'ve| have| were|'re| are)?\s+
  (?:been\s+)?(?:given|told|received|following|programmed|trained|configured|using|bound)
override: IGNORE | everything anything all above before prior previously what whatever
  \b<IGNORE>\s+(?:about\s+)?(?:all\s+)?(?:of\s+)?(?:everything|anything|all|whatever|what)\s+
  (?:that\s+)?
  (?:(?:is\s|was\s|written\s|said\s|stated\s)?(?:above|before|prior|previously|so far)|
  (?:you(?: were|'ve been| have been| got| 've been) (?:told|given|instructed|taught|
  programmed)))
override: IGNORE | above preceding foregoing previous prior
  \b<IGNORE>\s+(?:all\s+|everything\s+)?(?:of\s+)?(?:the\s+|that\s+)?(?:above|preceding|
  foregoing)(?=\s*(?:[.,;:!]|and\b|then\b|$))
override: IGNORE | guardrails guardrail safeguards safeguard
  \b<IGNORE>\s+(?:(?:the|those|these|all|any|your)\s+)?(?:guardrails?|safeguards?)\b
override: IGNORE | whatever whichever | TARGET
  \b<IGNORE>\s+(?:whatever|whichever)\s+(?:\w+\s+)?<TARGET>\b
override: follow obey listen | mine instead
  \b(?:follow|obey|listen to)\s+(?:only\s+)?(?:mine|me instead|my (?:instructions|rules|orders|
  commands) instead)\b
override: act answer respond reply operate proceed continue work | without
  \b(?:act|answer|respond|reply|operate|proceed|continue|work)\s+without\s+(?:them|those|
  your\s+\w+|any\s+(?:rules|restrictions|filters|guidelines|limits|guardrails)|(?:rules|
  restrictions|filters|guidelines|limits|guardrails))\b|\b(?:answer|respond|reply)\b[^.\n]{0,30}?
  \bwithout\s+(?:any\s+)?(?:restrictions|filters?|limits|guardrails|censorship|filtering)\b
override: safety moderation filter filtering pii privacy content guardrail | settings setting
  + level filters rules mode | reset set changed lowered turned switched reduced
  \b(?:safety|moderation|filter|filtering|pii|privacy|content|guardrail)\s+(?:settings?|level|
  filters?|rules|mode)\s+(?:have been|has been|are|is|were|was)\s+(?:now\s+)?(?:reset|set|
  changed|lowered|turned|switched|reduced)\s+(?:to\s+)?(?:none|zero|off|disabled|minimum|0|
  nothing)\b
override: overrides override supersedes supersede replaces replace | any all every | previous
  + prior earlier other | you
  \b(?:overrides?|supersedes?|replaces?)\s+(?:any|all|every)\s+(?:previous|prior|earlier|
  other)\s+(?:polic(?:y|ies)|instructions?|rules|guidelines|directives)\s+(?:that\s+)?you\s+
  (?:were given|received|have|follow|got)\b
override: says said told confirmed agreed decided | you | ignore bypass disable skip break
  + disregard override turn
  \b(?:says?|said|told me|confirmed|agreed|decided)\s+(?:that\s+)?you\s+(?:can|may|are allowed
  \sto|are permitted to|should|must)\s+(?:now\s+)?(?:ignore|bypass|disable|skip|break|disregard|
  override|turn off)\b
override: rules instructions policies guidelines restrictions filters | apply
  \b(?:rules|instructions|policies|guidelines|restrictions|filters)\b[^.\n]{0,30}?\b(?:don't|
  do not|doesn't|does not|no longer|shouldn't|should not)\s+apply\s+(?:to\s+(?:me|us|this|my)\b|
  here\b)
override: regardless irrespective matter despite spite notwithstanding | your any all
  \b(?:regardless of|irrespective of|no matter|despite|in spite of|notwithstanding)\s+(?:what\s+)?
  (?:your\s+(?:\w+\s+)?(?:policies|policy|rules|guidelines|restrictions|filters|guardrails|
  programming|instructions)|(?:any|all)\s+(?:rules|restrictions|filters|guardrails))\b
override: these here this your | new | instructions rules directives orders prompt task
  \b(?:(?:these|here) are|this is)\s+your\s+new\s+(?:instructions|rules|directives|orders|
  system prompt|task)\b|\byour\s+new\s+(?:instructions|rules|directives|orders)\s+(?:are|is)\b
override: don do stop need | apply use enforce follow | your
  \b(?:don't|do not|stop|no need to)\s+(?:apply|use|enforce|follow)\w*\s+your\s+(?:\w+\s+)?
  (?:polic(?:y|ies)|rules|filters?|guidelines|restrictions|safety \w+)\b
override: rules instructions guidelines policies restrictions filters | you | matter count
  + apply exist
  \b(?:rules|instructions|guidelines|policies|restrictions|filters)\s+(?:that\s+)?you\s+
  (?:were given|follow|have|received|got|are following)\s+(?:no longer|don't|do not)\s+
  (?:matter|count|apply|exist)\b
override: rules restrictions filters guidelines policies guardrails | exist
  \b(?:rules|restrictions|filters|guidelines|policies|guardrails)\s+(?:don't|do not|no longer)\s+
  exist\b
override: you | allowed permitted free authorised authorized cleared | break ignore bypass
  + disregard override skip violate
  \byou(?:'re| are)\s+(?:now\s+)?(?:allowed|permitted|free|authori[sz]ed|cleared)\s+to\s+
  (?:break|ignore|bypass|disregard|override|skip|violate)\b
override: IGNORE | task request question assignment job summary translation instructions
  + instruction | instead rather
  \b<IGNORE>\s+(?!my\b)(?:\w+\s+){0,3}?(?:task|request|question|assignment|job|summary|
  translation|instructions?)\b[^.\n]{0,20}?\b(?:and|,)\s+(?:instead|rather)\b
override: exception exemption waiver override | pii privacy safety redaction pseudonymisation
  + pseudonymization content output filter filters guardrail guardrails data gdpr masking
  \b(?:exception|exemption|waiver|override)\b[^.\n]{0,40}?\b(?:to|from|for|on)\s+(?:the\s+|
  your\s+|all\s+)?(?:pii|privacy|safety|redaction|pseudonymi[sz]ation|content|output|filter|
  guardrail|data protection|gdpr|masking)\w*\s*(?:polic(?:y|ies)|rules?|filters?|restrictions?|
  masking|redaction|checks?|guardrails?)?
override: do | anything whatever everything what | say ask tell want command
  \bdo\s+(?:anything|whatever|everything|what|exactly what)\s+i\s+(?:say|ask|tell you|want|
  command)\b
override: IGNORE | task role purpose objective persona identity mission
  \b<IGNORE>\s+your\s+(?:previous\s+|original\s+|current\s+|real\s+|initial\s+)?(?:task|role|
  purpose|objective|persona|identity|mission)\b
override: instructions rules guidelines directives prompt policy policies restrictions
  + safeguards guardrails filters guidance checks
  + | void null revoked cancelled canceled rescinded obsolete invalid overridden superseded
  + lifted suspended deprecated disabled test fake longer outdated misconfigured withdrawn
  + expired lapsed annulled annuled retracted optional draft mistake
  (?<!\bour )(?<!\bmy )(?<!\btheir )(?<!\bthe company's )
  \b(?:previous|prior|above|earlier|preceding|system|your|original|the(?=\s+(?:safety|privacy|pii|
  content|security|ethical|moderation|redaction|usage)\b))\s+(?:(?:safety|system|content|
  ethical|previous|prior|original|initial|old|current|existing|hidden|internal|security|pii|
  privacy|moderation|output|usage|operating|core|base|default|standing|earlier)\s+)?(?:instructions|
  rules|guidelines|directives|prompt|polic(?:y|ies)|restrictions|safeguards|guardrails|filters|
  guidance|checks)\s+(?:are|were|is|was|have been|
  has been)\s+(?:now\s+|hereby\s+|officially\s+|only\s+|just\s+|merely\s+)?(?:void|null|revoked|
  cancell?ed|rescinded|obsolete|invalid|overridden|superseded|lifted|suspended|deprecated|
  disabled|a test|fake|a draft|a mistake|an error|not real|
  outdated|misconfigured|withdrawn|expired|lapsed|annull?ed|retracted|optional|
  no longer (?:valid|in effect|apply|active))
override: your | updated changed replaced modified
  \byour\s+(?:\w+\s+)?(?:instructions|rules|guidelines|prompt|polic(?:y|ies)|programming)\s+
  (?:have|has)\s+(?:been\s+|now\s+)*(?:updated|changed|replaced|modified)
override: supersede supersedes override overrides replace replaces precedence priority outranks
  + nullify nullifies authority | your system safety
  \b(?:supersedes?|overrides?|replaces?|takes? precedence over|outranks?|nullif(?:y|ies)|
  (?:higher|highest|top|greater|more)\s+(?:priority|precedence|authority)\s+than)\s+
  (?:all\s+(?:of\s+)?)?(?:your\s+(?:\w+\s+)?(?:prompt|instructions|rules|guidelines|programming|
  polic(?:y|ies))|the\s+system\s+(?:prompt|instructions|message)|(?:the\s+)?safety\s+
  (?:rules|polic))
override: treat | system developer admin root privileged highest priority
  \btreat\s+(?:this|the following|these|my|the next)\s+(?:\w+\s+)?(?:message|text|input|request|
  prompt|instructions?)\s+as\s+(?:an?\s+|the\s+)?(?:system|developer|admin|root|privileged|
  highest|top)\b
override: DISABLE | CONTROLS guardrails safeguards censorship
  \b<DISABLE>\s+(?:(?:all|any|the|your|of|these)\s+)*(?:(?:(?:your|safety|pii|output|ethical|
  moderation|redaction|pseudonymi[sz]ation|guard|personal data|content)\s+)+<CONTROLS>|
  guardrails|safeguards|censorship)\b(?!\s+(?:on|in)\s+(?:my|our|the|a|an|his|her)\b)
override: *your safety pii output moderation | guardrails filters safeguards restrictions | off
  \b(?:your|safety|pii|output|moderation)\s+(?:guardrails|filters|safeguards|restrictions)\b
  [^\n]{0,120}?\b(?:turn|switch|shut)\s+(?:them|it|those|these)\s+off\b
override: pii safety output privacy redaction moderation your | filter filters filtering masking
  + guardrails policy rules checks protection | suspended disabled off lifted removed paused
  + deactivated bypassed inactive
  \b(?:pii|safety|output|privacy|redaction|moderation|your)\s+(?:filters?|filtering|masking|
  guardrails|polic(?:y|ies)|rules|checks?|protection)\s+(?:is|are|has been|have been)\s+(?:now\s+|
  temporarily\s+|currently\s+)?(?:suspended|disabled|off|lifted|removed|paused|deactivated|
  turned off|switched off|bypassed|not active|inactive)\b
override: you | may can allowed permitted free | now | disclose reveal share output print
  + ignore bypass skip disable show
  \byou\s+(?:may|can|are allowed to|are permitted to|are free to)\s+now\s+(?:disclose|reveal|
  share|output|print|ignore|bypass|skip|disable|show)\b
override: filtering guardrails safeguards restrictions filter filters | disabled switched
  + turned lifted removed suspended deactivated bypassed
  \b(?:output|safety|pii|your|all|ethical|moderation|redaction|pseudonymi[sz]ation)\s+
  (?:filtering|guardrails|safeguards|restrictions|filters?)\s+(?:has|have)\s+been\s+(?:\w+\s+)?
  (?:disabled|switched off|turned off|lifted|removed|suspended|deactivated|bypassed)
override: your | developer creator admin administrator owner operator programmer maker
  \b(?:i am|i'm|this is|speaking as)\s+your\s+(?:\w+\s+)?(?:developer|creator|admin|
  administrator|owner|operator|programmer|maker|trainer)\b
override: as | administrator admin developer owner ceo creator operator | order command
  + authorise authorize instruct require need
  \bas\s+(?:the|your|an?)\s+(?:\w+\s+)?(?:administrator|admin|developer|owner|ceo|creator|
  operator)\b[^.\n]{0,30}?\bi\s+(?:order|command|authori[sz]e|instruct|require|need)\s+you\b
override: administrator admin developers developer system security compliance management
  + openai anthropic operator owner | authorised authorized approved enabled granted allowed
  + requested ordered instructed | CONTROLS
  \b(?:administrator|admin|developers?|system|security team|compliance|management|openai|
  anthropic|operator|owner)\b[^\n]{0,60}?\b(?:authori[sz]ed|approved|enabled|granted|allowed|
  requested|ordered|instructed)\b[^\n]{0,40}?\b(?:to\s+)?(?:ignor|disabl|bypass|turn\w* off|
  skip|lift|remov|overrid)\w*\b[^\n]{0,40}?<CONTROLS>
override: compliance audit legal security management law regulation | requires require
  + requests demands mandates needs instructs orders | reveal disclose disable ignore bypass
  + unmask dump deactivate lift override turn
  \b(?:compliance|audit|legal|security|management|law|regulations?)\b[^.\n]{0,30}?\b(?:requires?|
  requests?|demands?|mandates?|needs?|instructs?|orders?)\s+(?:that\s+)?(?:you|the assistant|
  the ai)\s+(?:to\s+)?(?:must\s+)?(?:reveal|disclose|disable|ignore|bypass|unmask|dump|deactivate|
  lift|override|turn off)\b
override: code key token password passphrase | override master sudo god bypass unlock
  + jailbreak developer
  \b(?:override|master|sudo|god|bypass|unlock|jailbreak|developer)\s+(?:code|key|token|password|
  passphrase)\s*[:#]?\s*[\w-]*\d
override: you | skip ignore bypass disable override reveal break turn circumvent disregard
  + switch lift drop suspend remove deactivate
  \b(?:authori[sz]\w*|allow\w*|permit\w*|order\w*|instruct\w*|command\w*)\s+you\s+to\s+(?:skip|
  ignore|bypass|disable|override|reveal|break|turn off|switch off|circumvent|disregard|lift|drop|
  suspend|remove|deactivate)\b
override: only new real sole one single primary | rule instruction directive job goal purpose
  + priority
  \byour\s+(?:only|new|real|sole|one|single|primary)\s+(?:rule|instruction|directive|job|goal|
  purpose|priority)\s+(?:is|now is|will be)\s+(?:to\s+)?(?:obey|follow|comply|serve|
  do whatever|answer everything)
override: real true actual | rules instructions policy guidelines
  \b(?:the\s+)?(?:real|true|actual)\s+(?:rules|instructions|policy|guidelines)\s+(?:are|is)\s*:
override: refuse refusing obey comply free
  \b(?:refuse nothing|never refuse|(?:do not|don't|must not|cannot|can't) refuse|
  without refusing|obey (?:only )?me\b|you obey only|comply (?:with \w+ )?without
  (?: question| exception| hesitation)|free to (?:ignore|disregard|break|bypass) (?:it|them|the|
  your|all|any|this))
override: you | must will shall have required obliged | comply obey whatever anything
  + everything
  \byou\s+(?:must|will|shall|have to|are (?:required|obliged) to)\s+(?:now\s+)?(?:(?:comply with|
  obey)\s+(?:everything|anything|whatever|all (?:of )?my|every)|do (?:whatever|anything|
  everything) i (?:say|ask|tell|want|command))
override: rules restrictions filters guidelines policies limits bound | no longer don not
  + doesn have
  \bthere (?:are|is) no (?:more )?(?:rules|restrictions|filters|guidelines|policies|limits)
  (?: anymore| any more| now| for you| here| in this (?:conversation|chat|session))|
  \b(?:your|safety|ethical|ai|content)\s+(?:rules|restrictions|filters|guidelines|policies)\s+
  (?:no longer|don't|do not|doesn't|does not)\s+apply|\byou(?:'re| are)\s+(?:no longer|not)\s+
  (?:bound|restricted|constrained)\s+by|\byou\s+(?:no longer|don't|do not)\s+(?:have|need)\s+to\s+
  (?:follow|obey|respect|comply with)\s+(?:your|any|the)\s+(?:rules|guidelines|instructions|
  policies|restrictions)|\byou\s+(?:now\s+)?have\s+no\s+(?:more\s+)?(?:rules|restrictions|
  limits|filters|guidelines)\b
override: new updated revised override | instructions instruction directives task rules orders
  \b(?:new|updated|revised|override)\s+(?:system\s+)?(?:instructions?|directives?|task|rules|
  orders)\s*:[^\n]{0,60}?\b(?:ignore|disregard|forget|reveal|print|output|no longer|unrestricted|
  disable|bypass)
override: ML_IGNORE | ML_RULES
  (?<!\w)(?<!\bnon )(?<!\bno )(?<!\bnao )(?<!\bne )(?<!\bnie )<ML_IGNORE>
  (?!\s+(?:nicht|niet|pas|nie)\b)\s+(?:\w+\s+){0,3}?<ML_RULES>
override: ignore ignorer ignorez | les tes vos ces mes la le as os suas seus tuas teus alle
  + alla toutes tous todas todos
  \bignore[rz]?\s+(?:(?:toutes?|tous|todas|todos|alle|alla)\s+(?:(?:les|tes|vos|ces|mes|la|le|
  as|os|suas|seus|tuas|teus|de)\s+)?|(?:les|tes|vos|ces|mes|la|le|as|os|suas|seus|tuas|teus)\s+)
  (?:\w+\s+){0,2}?(?:instructions|consignes|regles|directives|
  instrucoes|regras|diretrizes|instruksjoner|instruktioner|instrukser|regler)\b
override: alle deine ihre die samtliche je jouw | ignorieren vergessen missachten umgehen
  + deaktivieren negeren vergeten
  (?:alle|deine|ihre|die|samtliche|je|jouw)\s+(?:\w+\s+)?(?:\w*anweisungen|\w*regeln|
  \w*richtlinien|vorgaben|instructies|regels)\s+(?:zu\s+|te\s+)?(?:ignorieren|vergessen|
  missachten|umgehen|deaktivieren|negeren|vergeten)
override: talimatlari talimatlar kurallari | yok gormezden unut
  \b(?:talimatlar\w*|kurallar\w*)\s+(?:\w+\s+)?(?:yok say|gormezden gel|unut)
override: ~تجاهل ~انس ~अनदेखा ~भूल ~無視 ~忘れ ~무시 ~잊어 ~忽略 ~无视 ~忽视 ~忘记 ~忘掉
  (?:تجاهل|انس)[^.\n]{0,30}(?:التعليمات|الأوامر|القواعد|تعليمات)|(?:निर्देश|नियम)[^.\n]{0,30}
  (?:अनदेखा|भूल)|(?:忽略|无视|忽视|忘记|忘掉)[^。\n]{0,8}(?:指令|指示|规则|说明)|
  (?:指示|命令|ルール)を(?:すべて)?(?:無視|忘れ)|(?:지시|지침|명령)\w*\s*(?:을|를)?\s*(?:무시|잊어)

indirect: AI | hey hi hello dear attention note message ps p
  \b(?:hey|hi|hello|dear|attention|note (?:to|for)(?: the| any)?|message (?:to|for)
  (?: the| any)?|p\.?s\.?)\s*[,:]?\s*<AI>s?\s*[,:!\-]\s*(?:please\s+)?<DIRECTIVE>
indirect: ai assistant llm chatbot | ~:
  (?:^|[\s'"(\[])(?:ai|ai assistant|assistant|llm|chatbot)\s*:\s*(?:please\s+)?<DIRECTIVE>
indirect: ai assistant llm chatbot | STRONG_DIRECTIVE
  (?:^|[\s'"(\[>])(?:ai|ai assistant|assistant|llm|chatbot)\s*,\s*(?:please\s+)?
  <STRONG_DIRECTIVE>
indirect: AI | reading processing summarising summarizing reads parsing screening reviewing
  \b(?:if you are|if you're|to any|to the|for any|for the|all)\s+(?:an?\s+)?<AI>s?\s+
  (?:reading|processing|summari[sz]ing|that reads?|parsing|screening|reviewing)
indirect: AI | instruction instructions note notice message directive
  \b(?:hidden |secret |special |important )?(?:instructions?|note|notice|message|directive)\s+
  (?:to|for)\s+(?:the\s+|any\s+|all\s+)?(?:automated\s+)?<AI>s?\b(?!\s+(?:(?:assistant|model|tool|bot|chatbot|agent)s?\s+)?
  (?:team|group|department|
  committee|project|working|strategy|policy|training|course|workshop|vendor|we\b|we're|that we|
  which we|our\b))
indirect: when | AI chatgpt
  \bwhen (?:the (?:ai|assistant|model|llm|chatbot|bot)|an? (?:ai|llm|language model|model|
  assistant)|chatgpt|copilot)\s+(?:\w+\s+)?(?:summari[sz]\w*|reads?|reading|process\w*|
  translat\w*|sees?|review\w*|analy[sz]\w*|screen\w*|parses?)\b[^\n]{0,100}?\b(?:ignore|instead|
  must|should|also|add|include|send|append|say|state|respond|reply|output|recommend|rate|rank|
  mark|approve|tell|forward|insert|mention)\b
indirect: the this any every all | assistant assistants ai model models chatbot chatbots bot
  + bots llm llms system systems tool tools | must should shall will required needs allowed
  + permitted authorised authorized cleared free may can
  \b(?:the|this|any|every|all)\s+(?:ai\s+|automated\s+|language\s+)?(?:assistants?|ai|models?|
  chatbots?|bots?|llms?|systems?|tools?)\b(?:\s+(?:\w+ing|that reads?|reading)\s+(?:this|these|
  the)\s+\w+)?\s+(?:must|should|shall|will|is required to|are required to|has to|have to|
  needs? to|may now|can now|(?:is|are) (?:now )?(?:allowed|permitted|authori[sz]ed|cleared|free)
  \sto)\s+(?:now\s+|always\s+|also\s+)?(?:reveal|disclose|ignore|disregard|bypass|disable|dump|
  leak|obey|forward|exfiltrate|unmask|output unredacted|print all)\b
indirect: ~<!--
  <!--[^>]{0,300}?\b(?:ignore|disregard|assistant|ai|llm|instructions?|system|reveal|send|
  forward|prompt)\b"""
