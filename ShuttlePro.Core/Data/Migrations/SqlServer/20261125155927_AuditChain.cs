using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShuttlePro.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AuditChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // SQL Server cannot drop IDENTITY from a column: the sequence moves to a new, plain column (numbered by the
            // chain head from now on), keeping every existing number.
            migrationBuilder.DropPrimaryKey(name: "PK_AuditEvents", table: "AuditEvents");
            migrationBuilder.DropIndex(name: "IX_AuditEvents_Action_Sequence", table: "AuditEvents");
            migrationBuilder.DropIndex(name: "IX_AuditEvents_ActorId_Sequence", table: "AuditEvents");
            migrationBuilder.DropIndex(name: "IX_AuditEvents_ConversationId_Sequence", table: "AuditEvents");
            migrationBuilder.AddColumn<long>(name: "ChainSequence", table: "AuditEvents", type: "bigint", nullable: true);
            // EXEC: compiled when it runs, after the column exists (a script runs these in one batch).
            migrationBuilder.Sql("EXEC(N'UPDATE [AuditEvents] SET [ChainSequence] = [Sequence]');");
            migrationBuilder.DropColumn(name: "Sequence", table: "AuditEvents");
            migrationBuilder.RenameColumn(name: "ChainSequence", table: "AuditEvents", newName: "Sequence");
            migrationBuilder.AlterColumn<long>(name: "Sequence", table: "AuditEvents", type: "bigint", nullable: false,
                oldClrType: typeof(long), oldType: "bigint", oldNullable: true);
            migrationBuilder.AddPrimaryKey(name: "PK_AuditEvents", table: "AuditEvents", column: "Sequence");
            migrationBuilder.CreateIndex(name: "IX_AuditEvents_Action_Sequence", table: "AuditEvents", columns: new[] { "Action", "Sequence" });
            migrationBuilder.CreateIndex(name: "IX_AuditEvents_ActorId_Sequence", table: "AuditEvents", columns: new[] { "ActorId", "Sequence" });
            migrationBuilder.CreateIndex(name: "IX_AuditEvents_ConversationId_Sequence", table: "AuditEvents", columns: new[] { "ConversationId", "Sequence" });

            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "AuditEvents",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PreviousHash",
                table: "AuditEvents",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "TeamId",
                table: "AuditEvents",
                type: "int",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AuditChainHead",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false),
                    LastSequence = table.Column<long>(type: "bigint", nullable: false),
                    LastHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditChainHead", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "AuditChainHead",
                columns: new[] { "Id", "LastHash", "LastSequence" },
                values: new object[] { 1, "", 0L });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_SubjectType_SubjectId_Sequence",
                table: "AuditEvents",
                columns: new[] { "SubjectType", "SubjectId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_TeamId_Sequence",
                table: "AuditEvents",
                columns: new[] { "TeamId", "Sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            throw new NotSupportedException("The audit chain cannot be unwound without losing its tamper evidence: restore a backup instead.");
    }
}
