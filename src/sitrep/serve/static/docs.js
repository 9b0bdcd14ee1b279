// Starts Swagger UI on /docs. A file of its own, not an inline script, so the server's CSP
// (script-src 'self') holds on this page too.
"use strict";
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  validatorUrl: null, // no badge fetched from validator.swagger.io: sitrep works offline
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
});
