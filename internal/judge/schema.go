package judge

import "encoding/json"

// The schemas are written for the strictest of the three providers,
// OpenAI's strict mode: every property required, no additional
// properties, and no numeric bounds (which strict mode has not always
// accepted). The bounds the schema cannot carry are checked in answer.go
// and structure.go. Property order matters: models write fields in schema
// order, and reasoning first makes the structure and the verdict follow
// from it and lets the stream show the reasoning as it is written. The
// providers keep this order (the Gemini client turns it into
// propertyOrdering).
//
// Optional values have no null: an empty string or a zero amount stands
// for none, so that every provider's schema dialect accepts the same
// document.

var rulingSchema = json.RawMessage(`{
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "reasoning": {"type": "string", "description": "The court's reasoning, in paragraphs."},
    "roles": {
      "type": "object",
      "additionalProperties": false,
      "description": "The parties' names in the forum, such as complainant and opposite party.",
      "properties": {
        "A": {"type": "string", "description": "Side A's role."},
        "B": {"type": "string", "description": "Side B's role."}
      },
      "required": ["A", "B"]
    },
    "factsDate": {"type": "string", "description": "The date of the events in dispute as YYYY-MM-DD, taken from the material filed, or empty when it does not show it."},
    "issues": {
      "type": "array",
      "description": "The points for determination, at least one.",
      "items": {
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "question": {"type": "string", "description": "The point to decide."},
          "burden": {"type": "string", "enum": ["A", "B"], "description": "The side that must prove it."},
          "standard": {"type": "string", "description": "The standard of proof on this issue, and any presumption and how it is rebutted."},
          "findings": {
            "type": "array",
            "items": {
              "type": "object",
              "additionalProperties": false,
              "properties": {
                "fact": {"type": "string"},
                "status": {"type": "string", "enum": ["admitted", "proved", "disputed", "unproved", "contradicted"]},
                "sources": {
                  "type": "array",
                  "description": "What the finding rests on, at least one.",
                  "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "properties": {
                      "label": {"type": "string", "description": "The source exactly as a data block's BEGIN DATA line names it after the bar."},
                      "kind": {"type": "string", "enum": ["document", "summary", "evidence", "argument"]},
                      "quote": {"type": "string", "description": "For a document, the passage relied on, copied exactly; otherwise empty."}
                    },
                    "required": ["label", "kind", "quote"]
                  }
                }
              },
              "required": ["fact", "status", "sources"]
            }
          },
          "rule": {"type": "string", "description": "The law that decides the issue."},
          "provisions": {"type": "array", "items": {"type": "string"}, "description": "The provisions of the rule, written as in legalBasis."},
          "application": {"type": "string", "description": "How the rule applies to the findings."},
          "answer": {"type": "string", "description": "The court's answer to the question."}
        },
        "required": ["question", "burden", "standard", "findings", "rule", "provisions", "application", "answer"]
      }
    },
    "legalBasis": {"type": "array", "items": {"type": "string"}, "description": "Provisions, cases and principles of the jurisdiction relied on, one per item."},
    "verdict": {"type": "string", "description": "The verdict in one to three sentences."},
    "favours": {"type": "string", "enum": ["A", "B", "neither"], "description": "The side the verdict is for."},
    "relief": {
      "type": "array",
      "description": "The orders, one per item.",
      "items": {
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "kind": {"type": "string", "enum": ["refund", "compensation", "interest", "costs", "dismissal", "conviction", "acquittal", "injunction", "declaration", "other"]},
          "description": {"type": "string"},
          "amount": {"type": "number", "description": "The sum ordered, or 0 when the order has none."},
          "currency": {"type": "string", "description": "The sum's ISO 4217 code (INR, GBP, USD …), or empty when there is no sum."}
        },
        "required": ["kind", "description", "amount", "currency"]
      }
    },
    "confidence": {"type": "integer", "description": "Confidence from 0 to 100."}
  },
  "required": ["reasoning", "roles", "factsDate", "issues", "legalBasis", "verdict", "favours", "relief", "confidence"]
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
    "favours": {"type": "string", "enum": ["A", "B", "neither"], "description": "The side the revised view favours when reconsidered, else the side the current view favours."},
    "provisionalNote": {"type": "string", "description": "A reminder that the view stays provisional."},
    "confidence": {"type": "integer", "description": "Confidence from 0 to 100."}
  },
  "required": ["response", "strengthens", "weakens", "uncertaintyRemains", "reconsidered", "updatedReasoning", "verdict", "favours", "provisionalNote", "confidence"]
}`)
