using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShuttlePro.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AuditTicketIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_SubjectType_SubjectId_Sequence",
                table: "AuditEvents");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_TicketSubject",
                table: "AuditEvents",
                columns: new[] { "SubjectId", "Sequence" },
                filter: "[SubjectType] = N'ticket'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_TicketSubject",
                table: "AuditEvents");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_SubjectType_SubjectId_Sequence",
                table: "AuditEvents",
                columns: new[] { "SubjectType", "SubjectId", "Sequence" });
        }
    }
}
