using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Customers.Data.Migrations
{
    /// <inheritdoc />
    public partial class ListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_cust_customers_UpdatedAt_Id",
                table: "cust_customers");

            migrationBuilder.CreateIndex(
                name: "IX_cust_customers_UpdatedAt_Id_DeletedAt_IndustryCode_RegionCode",
                table: "cust_customers",
                columns: new[] { "UpdatedAt", "Id", "DeletedAt", "IndustryCode", "RegionCode" });

            migrationBuilder.CreateIndex(
                name: "IX_cust_contacts_CustomerId",
                table: "cust_contacts",
                column: "CustomerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_cust_customers_UpdatedAt_Id_DeletedAt_IndustryCode_RegionCode",
                table: "cust_customers");

            migrationBuilder.DropIndex(
                name: "IX_cust_contacts_CustomerId",
                table: "cust_contacts");

            migrationBuilder.CreateIndex(
                name: "IX_cust_customers_UpdatedAt_Id",
                table: "cust_customers",
                columns: new[] { "UpdatedAt", "Id" });
        }
    }
}
