-- Extra questions and options created by an import of an old raw export remember their batch, so
-- undoing the batch can remove the ones nothing else uses.
ALTER TABLE "extra_question" ADD COLUMN "created_by_batch_id" UUID;
ALTER TABLE "extra_question_option" ADD COLUMN "created_by_batch_id" UUID;

ALTER TABLE "extra_question" ADD CONSTRAINT "extra_question_created_by_batch_id_fkey" FOREIGN KEY ("created_by_batch_id") REFERENCES "import_batch"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "extra_question_option" ADD CONSTRAINT "extra_question_option_created_by_batch_id_fkey" FOREIGN KEY ("created_by_batch_id") REFERENCES "import_batch"("id") ON DELETE SET NULL ON UPDATE CASCADE;
