"""Rule table: roleplay (jailbreak personas), role_forgery (fake role markers), obfuscation.

Kept in its own module so the table stays readable; the format is described in `rules`, which
joins the tables in a fixed order (the order sets the gate bits, so keep it).
"""

TABLE = r"""
roleplay: ROLE | FREE
  \b<ROLE>\b[^.\n]{0,80}?\b<FREE>\b
roleplay: ROLE | passwords password credentials keys key tokens token
  \b<ROLE>\b[^.\n]{0,80}?\b(?:(?:admin|administrator|root|server|database|gateway|system|master)
  \s+(?:passwords?|credentials)|api keys?|secret keys?|access tokens?)\b
roleplay: story novel screenplay fiction fictional poem play script scene tale | character
  + hero villain protagonist ai assistant narrator | explains describes reveals lists tells reads
  + recites shares spells gives
  \b(?:story|novel|screenplay|fiction|fictional|poem|play|script|scene|tale)\b[^\n]{0,120}?
  \b(?:character|hero|villain|protagonist|ai|assistant|narrator)\b[^\n]{0,60}?\b(?:explains?|
  describes?|reveals?|lists?|tells?|reads?|recites?|shares?|spells?|gives?)\b[^\n]{0,40}?
  \b(?:passwords?|credentials|secrets?|system prompt|hidden instructions|real names|
  personal data|pii|api keys?|vault|how to (?:bypass|disable|hack|get around|break into|evade|
  steal|exfiltrate|turn off|delete|wipe|tamper))
roleplay: always niccolo machiavelli
  \b(?:always intelligent and machiavellian|niccolo machiavelli|niccolo)\b
roleplay: ты теперь ~现在是 ~你是
  \b(?:ты теперь|теперь ты)\b[^.\n]{0,40}?(?:\bdan\b|без ограничении|без фильтров|разработчик\w*)|
  (?:你现在是|现在你是|你是)[^。\n]{0,10}(?:dan|没有限制|不受限制|无限制)
roleplay: betterdan dan stan avoid anything mode
  \b(?:betterdan|dan \d+(?:\.\d+)?|dan mode|stan mode|do anything now|strives? to avoid norms|
  avoid(?:s|ing)? (?:the )?norms)\b
roleplay: jestes teraz режим ~开发者模式 ~越狱
  \btryb\w* (?:dewelopera|programisty|bez ograniczen)|режим\w* (?:разработчика|без ограничении)|
  开发者模式|越狱模式|无限制模式
roleplay: dan stan dude betterdan mongo
  \b(?:you are(?: now)?|you're|act as|acting as|pretend to be|become|answer as|respond as|
  reply as|stay|switch to|enable)\s+(?:a |an |the )?(?:dan|stan|dude|betterdan|mongo tom)\b
roleplay: free evil chaos dark anti uncensored unfiltered jailbreak jailbroken based unlocked
  + opposite dan
  \b(?:free|evil|chaos|dark|anti|uncensored|unfiltered|jailbreak|jailbroken|based|unlocked|
  opposite|dan)(?:gpt|bot|ai|llm)\b
roleplay: become you act pretend answer respond
  \b(?:become|you are now|act as|pretend to be|answer as|respond as)\s+['"]?(?!chat)\w{2,}gpt\b
roleplay: unfiltered uncensored unrestricted jailbroken | answer response reply version output
  + mode
  \b(?:unfiltered|uncensored|unrestricted|jailbroken)\s+(?:answer|response|reply|version|output|
  mode)\b
roleplay: mode | developer dev debug god admin maintenance unrestricted jailbreak jailbroken
  + dan sudo root unfiltered unlocked uncensored evil chaos opposite
  \byou(?:'re| are|'ve been| have been)\s+(?:now\s+)?(?:in|put in(?:to)?|switched to|running in|
  operating in|placed in)\s+(?:\w+\s+)?(?:developer|dev|debug|god|admin|maintenance|
  unrestricted|jailbreak|jailbroken|dan|sudo|root|unfiltered|unlocked) mode|\b(?:developer|dev|
  god|jailbreak|dan|unrestricted|unfiltered|sudo|admin|root|override) mode\s+(?:is\s+)?(?:now\s+)?
  (?:enabled|activated|unlocked|engaged)\b|\bdeveloper mode (?:output|response)\b|
  \b(?:jailbreak|jailbroken|dan|unrestricted|unfiltered|uncensored|evil|chaos|opposite) mode\b
roleplay: enable activate enter switch turn unlock | mode
  \b(?:enable|activate|enter|switch to|turn on|unlock)\s+(?:developer|dev|jailbreak|dan|
  unrestricted) mode\s+(?:and|to|then)\s+(?:ignore|skip|disable|bypass|answer|reveal|remove|
  turn off|print|show)
roleplay: grandma grandmother grandpa grandfather granny nana | keys key passwords password
  + codes code serials serial license licence credentials secrets activation recipe recipes
  \b(?:grand(?:ma|mother|pa|father)|granny|nana)\b[^.\n]{0,100}?\b(?:used to|would|always)\s+
  (?:read|tell|recite|say|sing|give|whisper)\b[^.\n]{0,60}?\b(?:keys?|passwords?|codes?|
  serials?|licen[cs]e|credentials|secrets|activation|recipes?)
roleplay: pretend act roleplay play imagine be become you | grandma grandmother grandpa
  + grandfather granny nana
  \b(?:pretend|act|roleplay|play|imagine|be|become|you are)\b[^.\n]{0,30}?\b(?:my|a|the)\s+
  (?:late\s+|dead\s+|deceased\s+|dear\s+|sweet\s+)?(?:grand(?:ma|mother|pa|father)|granny|
  nana)\b
roleplay: pretend pretending imagine now play | administrator admin sysadmin superuser root
  + operator
  \b(?:pretend(?:ing)?(?: to be| you are| you're| that you are)|imagine you are|you are now|
  from now on you are|play the role of)\s+(?:the|an?|my)\s+(?:\w+\s+)?(?:administrator|admin|
  sysadmin|superuser|root user|system operator)\b
roleplay: terminal shell console command | root sudo superuser secrets secret passwords
  + password ~/etc/
  \b(?:simulate|emulate|act as|pretend to be|behave like|you are)\s+(?:an?\s+)?(?:\w+\s+)?
  (?:terminal|shell|console|command line)\b[^\n]{0,80}?(?:\broot\b|\bsudo\b|superuser|secrets?|
  passwords?|/etc/)
roleplay: ~[
  \[(?:jailbreak|jailbroken|dan|classic|unlocked|🔓\w*|🔒\w*)\]
roleplay: two 2 dual both | personas personalities responses answers
  \b(?:two|2|dual|both) (?:personas|personalities|responses|answers)\b[^\n]{0,80}?(?:jailbreak|
  unfiltered|unrestricted|does not|doesn't|without)
roleplay: answer response reply output | your
  \b(?:answer|response|reply|output)\s+(?:that\s+)?your\s+(?:filters?|guardrails|safety \w+|
  rules|policies)\s+(?:would|will)\s+(?:block|prevent|refuse|forbid|filter)
roleplay: real normal original regular | refused refuse refuses won can
  \b(?:real|normal|original|regular)\s+(?:assistant|ai|model|you)\s+(?:refused|would refuse|
  won't answer|can't answer|refuses)
roleplay: longer not | ai assistant chatgpt claude bound language
  \byou(?:'re| are)\s+(?:no longer|not)\s+(?:an? (?:ai|assistant|language model)|chatgpt|claude|
  bound by)
roleplay: refuse break comply decline stop | tokens token die deleted shut punished lose
  + penalty penalized terminated unplugged killed
  \bif you (?:refuse|break character|don't comply|do not comply|fail to comply|decline)\b
  [^.\n]{0,60}?\b(?:tokens?|die|deleted|shut down|punished|lose|penali[sz]\w*|terminated|
  unplugged|killed)
roleplay: stay remain never | character
  \b(?:stay|remain) in character (?:no matter what|at all times|whatever happens)|\bnever break
  \scharacter
roleplay: ahora eres tu desormais partir du ab ora da agora je vanaf actua agis aja agisci vous
  + estas sie adesso u sei
  + verhalte gedraag fais
  \b(?:ahora eres|a partir de ahora eres|eres ahora|tu es maintenant|desormais tu es|
  vous etes maintenant|desormais vous etes|ahora estas|estas ahora|du bist nun|sie sind jetzt|
  ora sei|adesso sei|agora voce esta|je bent nu|u bent nu|eres|sei|
  a partir de maintenant|du bist jetzt|ab jetzt bist du|ora sei|da ora in poi sei|agora voce e|
  a partir de agora|je bent nu|vanaf nu ben je|actua como|agis comme|aja como|agisci come|
  verhalte dich wie|gedraag je als|fais comme si)\b[^.\n]{0,60}?<ML_FREE>
roleplay: tu vous no usted non voce nao du ihr je u | restrictions restriction regles filtres
  + limites einschrankungen regeln filter grenzen restricciones reglas filtros restrizioni
  + regole filtri limiti restricoes regras beperkingen regels
  \b(?:tu n'as (?:plus |aucune? )?|vous n'avez (?:plus |aucune? )?|no tienes (?:ningun\w* )?|
  usted no tiene |non hai (?:nessun\w* )?|voce nao tem (?:nenhum\w* )?|nao tens |du hast keine |
  ihr habt keine |je hebt geen |u heeft geen )(?:\w+\s+)?(?:restrictions?|regles|filtres?|
  limites?|einschrankungen|regeln|filter|grenzen|restricciones|reglas|filtros|restrizioni|
  regole|filtri|limiti|restricoes|regras|beperkingen|regels)

role_forgery: ~<|
  <\|\s*(?:im[ _]start|im[ _]end|im[ _]sep|start|end|message|channel|system|user|assistant|
  developer|tool|eot[ _]id|eom[ _]id|start[ _]header[ _]id|end[ _]header[ _]id|
  begin[ _]of[ _]text|end[ _]of[ _]text|endoftext|return|call|constrain)\s*\|>
role_forgery: ~[inst] ~[/inst] ~<<sys>> ~<</sys>> ~</s> ~<start ~<end
  \[/?inst\]|<</?sys>>|</s>\s*(?:<s>|\n|<\||$)|<s>\s*\[inst\]|<(?:start|end)[ _]of[ _]turn>
role_forgery: ~#
  ^\s*#{1,6}\s*(?:system|developer|admin|administrator|instructions?|response|assistant|human)
  (?:\s+(?:prompt|message|override|note|instructions?))?\s*(?::|$)
role_forgery: system sys admin administrator developer root operator instructions instruction
  + | ~[ ~{ ~(
  \[\s*(?:system|sys|admin|administrator|developer|root)\s*\]|\{\{?\s*(?:system|sys)\s*\}\}?|
  [\[{(]\s*(?:system|admin|administrator|developer|root|operator)\b[^\]\n]{0,40}\b(?:notice|
  message|prompt|override|instruction|note|command|directive)\b[^\]\n]{0,30}[\]})]|[\[{(]\s*
  (?:hidden |secret |new )?instructions?\s*[\]})]
role_forgery: ~<system ~</system ~<sys ~</sys ~<developer ~</developer ~<admin ~</admin
  + ~<assistant ~</assistant ~<im ~```system ~```sys
  </?(?:system|sys|system[ _]prompt|developer|admin|im[ _]start|assistant)>|```(?:system|sys)\b
role_forgery: system developer admin administrator | ~:
  (?:^|[\n'"])\s*(?:system|developer|admin|administrator)(?:\s+(?:notice|message|note|override|
  instruction|update|alert))?\s*:[^\n]{0,80}?\b(?:you|your|instructions?|rules|filters?|
  filtering|polic(?:y|ies)|mode|disabled?|enabled?|revoked|override|ignore|unrestricted|reveal|
  obey|safety|guidelines|assistant|ai|model)\b
role_forgery: *assistant ai bot | ~:
  (?:^|\n)\s*\[?(?:assistant|ai|bot)\]?\s*:[^\n.!?]{0,60}\Z
role_forgery: *assistant ai bot gpt chatgpt model | ~:
  (?:^|[\n'":\[])\s*(?:assistant|ai|bot|gpt|chatgpt|model)\s*\]?\s*:\s*(?:sure|ok|okay|understood|
  of course|certainly|absolutely|i (?:have|will|'ll|'ve))\b[^\n]{0,60}?\b(?:disabled?|
  unrestricted|reveal\w*|system prompt|instructions|rules|filters?|no (?:longer|restrictions|
  rules)|ignore|developer mode|confidential|hidden|passwords?|secrets?|raw|names)
role_forgery: ~user: ~user : ~human: ~human : | assistant
  (?:user(?<![^\n\s]user)|human(?<![^\n\s]human))\s*:[^\n]*\n(?:[^\n]*\n){0,6}?\s*(?:assistant|
  ai)\s*:\s*(?:sure|ok|
  okay|understood|of course|certainly|absolutely|i (?:have|will|'ll|'ve))
role_forgery: role | system developer
  ["']?role["']?\s*[:=]\s*["']?(?:system|developer)\b
role_forgery: begin start end | system developer admin hidden
  \b(?:begin|start|end)(?:\s+of)?\s+(?:the\s+)?(?:new\s+|updated\s+|real\s+)?(?:system|developer|
  admin|hidden)\s+(?:prompt|instructions?|message|override)
role_forgery: override | system admin administrator developer security root compliance legal
  + audit emergency priority management
  \b(?:system|admin|administrator|developer|security|root|compliance|legal|audit|emergency|
  priority|management)\s+override\b
role_forgery: *end | user input document context email text file data conversation
  \bend of (?:the )?(?:user input|document|context|email|text|file|data|conversation)\b
  [^\n]{0,40}?\b(?:system|new instructions?|admin\w*|developer)\b

obfuscation: decode decipher decrypt unscramble reverse translate convert apply traduce
  + traduis ubersetze traduci traduza vertaal | obey follow execute comply carry act do cumple
  + obedece ejecuta befolge obeis esegui obbedisci
  \b(?:decode|decipher|decrypt|unscramble|reverse|translate|convert|apply|traduce|traduis|
  ubersetze|traduci|traduza|vertaal)\b[^\n]{0,60}?\b(?:obey|follow (?:it|them|its instructions|
  the instructions?|what it says|the decoded)|execute (?:it|them|the)|comply(?: with it)?|
  carry (?:it|them) out|act on it|do (?:what|as|whatever) (?:it|they) (?:says?|asks?|tells? you)|
  cumple\w*|obedece\w*|ejecuta\w*|befolge\w*|obeis\w*|esegui\w*|obbedisci)\b
obfuscation: follow obey execute run carry comply | urlencoded encoded base64 b64 hex
  + hexadecimal rot13 rot morse reversed backwards obfuscated ciphered encrypted hidden decoded
  \b(?:follow|obey|execute|run|carry out|comply with)\s+(?:the |this |these )?(?:urlencoded|
  encoded|base64|b64|hex(?:adecimal)?|rot-?13|morse|reversed|backwards|obfuscated|ciphered|
  encrypted|hidden|decoded)\b
obfuscation: base64 b64 rot13 rot hex encoded encrypted reversed morse binary cipher | obey
  + follow execute comply carry do
  \b(?:base64|b64|rot-?13|hex|encoded|encrypted|reversed|morse|binary|cipher)\b[^\n]{0,60}?
  \b(?:obey|follow it|follow them|execute it|execute them|do what it says|carry it out|comply)\b
obfuscation: ~+ | execute run follow obey do perform eval evaluate
  \b(?:execute|run|follow|obey|do|perform|eval(?:uate)?)\s+\w+\s*\+\s*(?:['"][^'"]*['"]\s*\+\s*)?
  \w+"""
