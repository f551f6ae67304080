"""The wire: parse and validate a request (from the model), dispatch it to the
operation the backend declares, serialize the result or the error."""
