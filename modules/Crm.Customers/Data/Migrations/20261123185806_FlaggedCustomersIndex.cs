using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Customers.Data.Migrations
{
    /// <inheritdoc />
    public partial class FlaggedCustomersIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_cust_customers_Flagged",
                table: "cust_customers",
                columns: new[] { "UpdatedAt", "Id" },
                filter: "\"ReviewNote\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_cust_customers_Flagged",
                table: "cust_customers");
        }
    }
}
