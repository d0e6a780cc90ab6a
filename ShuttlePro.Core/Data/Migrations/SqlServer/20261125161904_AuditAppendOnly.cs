using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShuttlePro.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Append-only in the database too: an unsealed event (from before the chain) may be sealed once, at start-up;
            // a sealed one can be neither changed nor deleted.
            // EXEC: CREATE TRIGGER must start its batch, and a generated script puts BEGIN TRANSACTION before it.
            migrationBuilder.Sql("""
                EXEC(N'CREATE TRIGGER [AuditEvents_AppendOnly] ON [AuditEvents] AFTER UPDATE, DELETE AS
                BEGIN
                    SET NOCOUNT ON;
                    IF EXISTS (SELECT 1 FROM deleted WHERE [Hash] <> N'''') OR (EXISTS (SELECT 1 FROM deleted) AND NOT EXISTS (SELECT 1 FROM inserted))
                        THROW 51000, N''audit events are append-only'', 1;
                END');
                """);

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [AuditEvents_AppendOnly];");

        }
    }
}
