package judge

import "encoding/json"

// The schemas are written for the strictest of the three providers,
// OpenAI's strict mode: every property required, no additional
// properties, and no numeric bounds (which strict mode has not always
// accepted). The bounds the schema cannot carry are checked in answer.go.
// Property order matters: models write fields in schema order, and
// reasoning first makes the verdict follow from it and lets the stream
// show the reasoning as it is written. The providers keep this order
// (the Gemini client turns it into propertyOrdering).

var rulingSchema = json.RawMessage(`{
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "reasoning": {"type": "string", "description": "The court's reasoning, in paragraphs."},
    "legalBasis": {"type": "array", "items": {"type": "string"}, "description": "Provisions, cases and principles of the jurisdiction relied on, one per item."},
    "verdict": {"type": "string", "description": "The verdict in one to three sentences."},
    "confidence": {"type": "integer", "description": "Confidence from 0 to 100."}
  },
  "required": ["reasoning", "legalBasis", "verdict", "confidence"]
}`)

var argumentSchema = json.RawMessage(`{
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "response": {"type": "string", "description": "The court's evaluation of the argument."},
    "strengthens": {"type": "string", "enum": ["Side A", "Side B", "Neither"]},
    "weakens": {"type": "string", "enum": ["Side A", "Side B", "Neither"]},
    "uncertaintyRemains": {"type": "string", "description": "What remains uncertain."},
    "reconsidered": {"type": "boolean", "description": "Whether the court changed its view."},
    "updatedReasoning": {"type": "string", "description": "The complete revised reasoning when reconsidered, else empty."},
    "verdict": {"type": "string", "description": "The revised verdict when reconsidered, else empty."},
    "provisionalNote": {"type": "string", "description": "A reminder that the view stays provisional."},
    "confidence": {"type": "integer", "description": "Confidence from 0 to 100."}
  },
  "required": ["response", "strengthens", "weakens", "uncertaintyRemains", "reconsidered", "updatedReasoning", "verdict", "provisionalNote", "confidence"]
}`)
