"""Local LLM engines behind the `ChatEngine` protocol.

Heavy imports (llama_cpp) live only in `engine.llama`; everything else here is
plain Python so the gateway and the unit tests can use it without a model.
"""
