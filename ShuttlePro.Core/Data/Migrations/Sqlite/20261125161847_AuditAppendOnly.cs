using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShuttlePro.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Append-only in the database too. An unsealed event (from before the chain) may be sealed once, at start-up;
            // a sealed one can be neither changed nor deleted. (Their own migration: EF Core's SQLite table rebuilds drop a table's triggers,
            // so a later migration that rebuilds AuditEvents must create them again.)
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditEvents_AppendOnly_NoUpdate" BEFORE UPDATE ON "AuditEvents" WHEN OLD."Hash" <> ''
                BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditEvents_AppendOnly_NoDelete" BEFORE DELETE ON "AuditEvents"
                BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
                """);

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"AuditEvents_AppendOnly_NoUpdate\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"AuditEvents_AppendOnly_NoDelete\";");

        }
    }
}
