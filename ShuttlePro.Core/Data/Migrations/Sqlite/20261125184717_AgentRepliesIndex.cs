using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShuttlePro.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AgentRepliesIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Messages_AgentReplies",
                table: "Messages",
                column: "CreatedAt",
                filter: "\"AuthorId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_AgentReplies",
                table: "Messages");
        }
    }
}
