using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Customers.Data.Migrations
{
    /// <inheritdoc />
    public partial class NameCoreMergeImport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ImportBatchId",
                table: "cust_customers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "MergedIntoId",
                table: "cust_customers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NameCore",
                table: "cust_customers",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ReviewNote",
                table: "cust_customers",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_cust_customers_ImportBatchId",
                table: "cust_customers",
                column: "ImportBatchId",
                filter: "\"ImportBatchId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_cust_customers_MergedIntoId",
                table: "cust_customers",
                column: "MergedIntoId",
                filter: "\"MergedIntoId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_cust_customers_NameCore",
                table: "cust_customers",
                column: "NameCore");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_cust_customers_ImportBatchId",
                table: "cust_customers");

            migrationBuilder.DropIndex(
                name: "IX_cust_customers_MergedIntoId",
                table: "cust_customers");

            migrationBuilder.DropIndex(
                name: "IX_cust_customers_NameCore",
                table: "cust_customers");

            migrationBuilder.DropColumn(
                name: "ImportBatchId",
                table: "cust_customers");

            migrationBuilder.DropColumn(
                name: "MergedIntoId",
                table: "cust_customers");

            migrationBuilder.DropColumn(
                name: "NameCore",
                table: "cust_customers");

            migrationBuilder.DropColumn(
                name: "ReviewNote",
                table: "cust_customers");
        }
    }
}
