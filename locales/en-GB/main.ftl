# British English is the base `en`; nothing is overridden here except the language name.
language-name = English (UK)
