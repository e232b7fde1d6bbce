using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Customers.Data.Migrations
{
    /// <inheritdoc />
    public partial class ImportTables : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cust_import_batches",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OptionsJson = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: true),
                    Encoding = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Sheet = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    TotalRows = table.Column<int>(type: "INTEGER", nullable: false),
                    RowsDone = table.Column<int>(type: "INTEGER", nullable: false),
                    LastRow = table.Column<int>(type: "INTEGER", nullable: false),
                    RowsPerSecond = table.Column<double>(type: "REAL", nullable: false),
                    Created = table.Column<int>(type: "INTEGER", nullable: false),
                    Updated = table.Column<int>(type: "INTEGER", nullable: false),
                    Unchanged = table.Column<int>(type: "INTEGER", nullable: false),
                    Failed = table.Column<int>(type: "INTEGER", nullable: false),
                    Flagged = table.Column<int>(type: "INTEGER", nullable: false),
                    PossibleDuplicates = table.Column<int>(type: "INTEGER", nullable: false),
                    HasErrorFile = table.Column<bool>(type: "INTEGER", nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ImportedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    ImportedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UndoneAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cust_import_batches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cust_import_mappings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ColumnsJson = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cust_import_mappings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cust_import_changes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BatchId = table.Column<long>(type: "INTEGER", nullable: false),
                    Row = table.Column<int>(type: "INTEGER", nullable: false),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    BeforeJson = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    VersionAfter = table.Column<int>(type: "INTEGER", nullable: false),
                    ContactId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cust_import_changes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cust_import_changes_cust_import_batches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "cust_import_batches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "cust_import_failures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BatchId = table.Column<long>(type: "INTEGER", nullable: false),
                    Row = table.Column<int>(type: "INTEGER", nullable: false),
                    Reasons = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cust_import_failures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cust_import_failures_cust_import_batches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "cust_import_batches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_cust_import_batches_ImportedBy_Id",
                table: "cust_import_batches",
                columns: new[] { "ImportedBy", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_cust_import_batches_Status",
                table: "cust_import_batches",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_cust_import_changes_BatchId_Row",
                table: "cust_import_changes",
                columns: new[] { "BatchId", "Row" });

            migrationBuilder.CreateIndex(
                name: "IX_cust_import_changes_CustomerId",
                table: "cust_import_changes",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_cust_import_failures_BatchId_Row",
                table: "cust_import_failures",
                columns: new[] { "BatchId", "Row" });

            migrationBuilder.CreateIndex(
                name: "IX_cust_import_mappings_Name",
                table: "cust_import_mappings",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cust_import_changes");

            migrationBuilder.DropTable(
                name: "cust_import_failures");

            migrationBuilder.DropTable(
                name: "cust_import_mappings");

            migrationBuilder.DropTable(
                name: "cust_import_batches");
        }
    }
}
