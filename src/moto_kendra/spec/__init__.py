"""What botocore's models say, for every layer: the service models and the checks
compiled from their shapes (request validation, strict response conformance)."""
