import CTGLedger
