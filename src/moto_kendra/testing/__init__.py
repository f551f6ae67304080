"""Test controls, above the backend: scripted sync outcomes and operation faults
(``controls``), the pytest markers, the failure report, the HTTP control routes and the
mock kept across tests. Nothing below this layer imports it."""
