-- +goose Up
-- How each document's text was read: its own text layer, OCR of its
-- images (with the mean confidence of the words recognised, 0 to 100), or
-- not at all. Documents stored before are text, or none when they had no
-- text.
ALTER TABLE documents ADD COLUMN text_method TEXT NOT NULL DEFAULT 'text'
    CHECK (text_method IN ('text', 'ocr', 'none'));
ALTER TABLE documents ADD COLUMN ocr_confidence INTEGER NOT NULL DEFAULT 0
    CHECK (ocr_confidence BETWEEN 0 AND 100);
UPDATE documents SET text_method = 'none' WHERE status = 'no_text';

-- +goose Down
ALTER TABLE documents DROP COLUMN ocr_confidence;
ALTER TABLE documents DROP COLUMN text_method;
