using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShuttlePro.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MessagePositions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Position",
                table: "Messages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "MessageCount",
                table: "Conversations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_Messages_ConversationId_Position",
                table: "Messages",
                columns: new[] { "ConversationId", "Position" });

            // Existing messages get their positions in time order, and conversations their message counts.
            migrationBuilder.Sql(@"UPDATE [Messages] SET [Position] = (SELECT COUNT(*) FROM [Messages] AS [m2]
                WHERE [m2].[ConversationId] = [Messages].[ConversationId]
                  AND ([m2].[CreatedAt] < [Messages].[CreatedAt] OR ([m2].[CreatedAt] = [Messages].[CreatedAt] AND [m2].[Id] <= [Messages].[Id])));");
            migrationBuilder.Sql(@"UPDATE [Conversations] SET [MessageCount] = (SELECT COUNT(*) FROM [Messages] AS [m] WHERE [m].[ConversationId] = [Conversations].[Id]);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_ConversationId_Position",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "Position",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "MessageCount",
                table: "Conversations");
        }
    }
}
