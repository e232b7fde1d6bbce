using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

using Crm.Dictionaries.Data;

namespace Crm.Dictionaries.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dict_types",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Hierarchical = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsSystem = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dict_types", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "dict_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TypeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ParentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsSystem = table.Column<bool>(type: "INTEGER", nullable: false),
                    SiteModified = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dict_entries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_dict_entries_dict_entries_ParentId",
                        column: x => x.ParentId,
                        principalTable: "dict_entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_dict_entries_dict_types_TypeId",
                        column: x => x.TypeId,
                        principalTable: "dict_types",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "dict_aliases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EntryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NormalizedLabel = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dict_aliases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_dict_aliases_dict_entries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "dict_entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_dict_aliases_EntryId_NormalizedLabel",
                table: "dict_aliases",
                columns: new[] { "EntryId", "NormalizedLabel" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_dict_entries_ParentId",
                table: "dict_entries",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_dict_entries_TypeId_Code",
                table: "dict_entries",
                columns: new[] { "TypeId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_dict_entries_TypeId_ParentId_Name",
                table: "dict_entries",
                columns: new[] { "TypeId", "ParentId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_dict_types_Code",
                table: "dict_types",
                column: "Code",
                unique: true);

            // The shipped reference data: regions, industries and the basic code tables.
            ReferenceData.Insert(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dict_aliases");

            migrationBuilder.DropTable(
                name: "dict_entries");

            migrationBuilder.DropTable(
                name: "dict_types");
        }
    }
}
