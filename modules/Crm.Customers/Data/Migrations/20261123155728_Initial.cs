using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Crm.Customers.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cust_customers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    IdNumberCipher = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    IdNumberHash = table.Column<byte[]>(type: "BLOB", nullable: true),
                    IndustryCode = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SizeCode = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    FoundedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    SourceCode = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    StatusCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AnnualAmount = table.Column<long>(type: "INTEGER", nullable: true),
                    ValueTierCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ValueTierManual = table.Column<bool>(type: "INTEGER", nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DepartmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Remarks = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Competitors = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RelatedProjects = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ContractDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ContractAmount = table.Column<long>(type: "INTEGER", nullable: true),
                    FirstPaymentDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ServiceExpiryDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Satisfaction = table.Column<int>(type: "INTEGER", nullable: true),
                    Abnormal = table.Column<int>(type: "INTEGER", nullable: false),
                    AbnormalProgress = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    LastFollowUpAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cust_customers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cust_saved_filters",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Json = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cust_saved_filters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cust_sequences",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cust_sequences", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "cust_tag_dimensions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    IsSystem = table.Column<bool>(type: "INTEGER", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cust_tag_dimensions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cust_contacts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Position = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    MobileCipher = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    MobileHash = table.Column<byte[]>(type: "BLOB", nullable: true),
                    OfficePhoneCipher = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    OfficePhoneHash = table.Column<byte[]>(type: "BLOB", nullable: true),
                    EmailCipher = table.Column<string>(type: "TEXT", maxLength: 600, nullable: true),
                    EmailHash = table.Column<byte[]>(type: "BLOB", nullable: true),
                    OtherId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    IsPrimary = table.Column<bool>(type: "INTEGER", nullable: false),
                    DecisionRoleCode = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cust_contacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cust_contacts_cust_customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "cust_customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "cust_followups",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    MethodCode = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    OurParticipants = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    TheirParticipants = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Result = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    NextAction = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    NextActionDue = table.Column<DateTime>(type: "TEXT", nullable: true),
                    NextActionOwnerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    NextActionDone = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReminderSentAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cust_followups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cust_followups_cust_customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "cust_customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "cust_needs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    TypeCode = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    BudgetMin = table.Column<long>(type: "INTEGER", nullable: true),
                    BudgetMax = table.Column<long>(type: "INTEGER", nullable: true),
                    ExpectedMonth = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PainPoints = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Priority = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cust_needs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cust_needs_cust_customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "cust_customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "cust_tags",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DimensionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    NameKey = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cust_tags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cust_tags_cust_tag_dimensions_DimensionId",
                        column: x => x.DimensionId,
                        principalTable: "cust_tag_dimensions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "cust_attachments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    NeedId = table.Column<long>(type: "INTEGER", nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UploadedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    UploadedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cust_attachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cust_attachments_cust_customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "cust_customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_cust_attachments_cust_needs_NeedId",
                        column: x => x.NeedId,
                        principalTable: "cust_needs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "cust_customer_tags",
                columns: table => new
                {
                    CustomerId = table.Column<long>(type: "INTEGER", nullable: false),
                    TagId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cust_customer_tags", x => new { x.CustomerId, x.TagId });
                    table.ForeignKey(
                        name: "FK_cust_customer_tags_cust_customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "cust_customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_cust_customer_tags_cust_tags_TagId",
                        column: x => x.TagId,
                        principalTable: "cust_tags",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "cust_tag_synonyms",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TagId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    NameKey = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cust_tag_synonyms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cust_tag_synonyms_cust_tags_TagId",
                        column: x => x.TagId,
                        principalTable: "cust_tags",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "cust_sequences",
                columns: new[] { "Name", "Value" },
                values: new object[] { "customer", 0L });

            migrationBuilder.InsertData(
                table: "cust_tag_dimensions",
                columns: new[] { "Id", "Code", "IsSystem", "Name", "Order" },
                values: new object[,]
                {
                    { 1, "industry", true, "行业", 1 },
                    { 2, "size", true, "规模", 2 },
                    { 3, "region", true, "区域", 3 },
                    { 4, "cooperation", true, "合作状态", 4 },
                    { 5, "value", true, "价值层级", 5 },
                    { 6, "need_trait", true, "需求特征", 6 },
                    { 7, "custom", false, "自定义", 7 }
                });

            migrationBuilder.InsertData(
                table: "cust_tags",
                columns: new[] { "Id", "DimensionId", "Name", "NameKey" },
                values: new object[,]
                {
                    { 1, 1, "制造业", "制造业" },
                    { 2, 1, "IT服务", "IT服务" },
                    { 3, 1, "新能源", "新能源" },
                    { 4, 1, "金融", "金融" },
                    { 5, 1, "医疗健康", "医疗健康" },
                    { 6, 1, "教育", "教育" },
                    { 7, 1, "零售", "零售" },
                    { 8, 1, "物流", "物流" },
                    { 9, 2, "大型企业", "大型企业" },
                    { 10, 2, "中型企业", "中型企业" },
                    { 11, 2, "小微企业", "小微企业" },
                    { 12, 3, "华北", "华北" },
                    { 13, 3, "华东", "华东" },
                    { 14, 3, "华南", "华南" },
                    { 15, 3, "华中", "华中" },
                    { 16, 3, "西南", "西南" },
                    { 17, 3, "西北", "西北" },
                    { 18, 3, "东北", "东北" },
                    { 19, 4, "潜在客户", "潜在客户" },
                    { 20, 4, "意向客户", "意向客户" },
                    { 21, 4, "成交客户", "成交客户" },
                    { 22, 4, "流失客户", "流失客户" },
                    { 23, 5, "高价值", "高价值" },
                    { 24, 5, "中价值", "中价值" },
                    { 25, 5, "普通价值", "普通价值" },
                    { 26, 6, "技术导向", "技术导向" },
                    { 27, 6, "价格敏感", "价格敏感" },
                    { 28, 6, "服务导向", "服务导向" },
                    { 29, 7, "重点客户", "重点客户" },
                    { 30, 7, "战略合作伙伴", "战略合作伙伴" },
                    { 31, 7, "决策周期长", "决策周期长" }
                });

            migrationBuilder.InsertData(
                table: "cust_tag_synonyms",
                columns: new[] { "Id", "Name", "NameKey", "TagId" },
                values: new object[,]
                {
                    { 1, "工业", "工业", 1 },
                    { 2, "制造", "制造", 1 },
                    { 3, "软件", "软件", 2 },
                    { 4, "互联网", "互联网", 2 },
                    { 5, "高价值客户", "高价值客户", 23 },
                    { 6, "价格敏感型", "价格敏感型", 27 },
                    { 7, "技术优先型", "技术优先型", 26 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_cust_attachments_CustomerId",
                table: "cust_attachments",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_cust_attachments_NeedId",
                table: "cust_attachments",
                column: "NeedId");

            migrationBuilder.CreateIndex(
                name: "IX_cust_attachments_Sha256",
                table: "cust_attachments",
                column: "Sha256");

            migrationBuilder.CreateIndex(
                name: "IX_cust_contacts_CustomerId_Primary",
                table: "cust_contacts",
                column: "CustomerId",
                unique: true,
                filter: "\"IsPrimary\" = 1");

            migrationBuilder.CreateIndex(
                name: "IX_cust_contacts_EmailHash",
                table: "cust_contacts",
                column: "EmailHash");

            migrationBuilder.CreateIndex(
                name: "IX_cust_contacts_MobileHash",
                table: "cust_contacts",
                column: "MobileHash");

            migrationBuilder.CreateIndex(
                name: "IX_cust_contacts_Name",
                table: "cust_contacts",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_cust_contacts_OfficePhoneHash",
                table: "cust_contacts",
                column: "OfficePhoneHash");

            migrationBuilder.CreateIndex(
                name: "IX_cust_customer_tags_TagId_CustomerId",
                table: "cust_customer_tags",
                columns: new[] { "TagId", "CustomerId" });

            migrationBuilder.CreateIndex(
                name: "IX_cust_customers_Code",
                table: "cust_customers",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cust_customers_CreditCode",
                table: "cust_customers",
                column: "CreditCode",
                unique: true,
                filter: "\"CreditCode\" IS NOT NULL AND \"DeletedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_cust_customers_DepartmentId_UpdatedAt_Id",
                table: "cust_customers",
                columns: new[] { "DepartmentId", "UpdatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_cust_customers_IdNumberHash",
                table: "cust_customers",
                column: "IdNumberHash",
                unique: true,
                filter: "\"IdNumberHash\" IS NOT NULL AND \"DeletedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_cust_customers_IndustryCode_UpdatedAt_Id",
                table: "cust_customers",
                columns: new[] { "IndustryCode", "UpdatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_cust_customers_LastFollowUpAt",
                table: "cust_customers",
                column: "LastFollowUpAt");

            migrationBuilder.CreateIndex(
                name: "IX_cust_customers_NameKey",
                table: "cust_customers",
                column: "NameKey",
                unique: true,
                filter: "\"DeletedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_cust_customers_OwnerId_UpdatedAt_Id",
                table: "cust_customers",
                columns: new[] { "OwnerId", "UpdatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_cust_customers_RegionCode_UpdatedAt_Id",
                table: "cust_customers",
                columns: new[] { "RegionCode", "UpdatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_cust_customers_StatusCode_UpdatedAt_Id",
                table: "cust_customers",
                columns: new[] { "StatusCode", "UpdatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_cust_customers_UpdatedAt_Id",
                table: "cust_customers",
                columns: new[] { "UpdatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_cust_followups_CustomerId_At",
                table: "cust_followups",
                columns: new[] { "CustomerId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_cust_followups_NextActionDue_NextActionDone",
                table: "cust_followups",
                columns: new[] { "NextActionDue", "NextActionDone" });

            migrationBuilder.CreateIndex(
                name: "IX_cust_followups_NextActionOwnerId",
                table: "cust_followups",
                column: "NextActionOwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_cust_needs_CustomerId",
                table: "cust_needs",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_cust_saved_filters_UserId_Name",
                table: "cust_saved_filters",
                columns: new[] { "UserId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cust_tag_dimensions_Code",
                table: "cust_tag_dimensions",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cust_tag_synonyms_NameKey",
                table: "cust_tag_synonyms",
                column: "NameKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cust_tag_synonyms_TagId",
                table: "cust_tag_synonyms",
                column: "TagId");

            migrationBuilder.CreateIndex(
                name: "IX_cust_tags_DimensionId",
                table: "cust_tags",
                column: "DimensionId");

            migrationBuilder.CreateIndex(
                name: "IX_cust_tags_NameKey",
                table: "cust_tags",
                column: "NameKey",
                unique: true);

            // Name search: an FTS5 trigram index over the normalised name, kept in sync by triggers on every write
            // (the API, the import's bulk path and the demo data all go through them).
            migrationBuilder.Sql(CustomerSearchSql.Create);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(CustomerSearchSql.Drop);

            migrationBuilder.DropTable(
                name: "cust_attachments");

            migrationBuilder.DropTable(
                name: "cust_contacts");

            migrationBuilder.DropTable(
                name: "cust_customer_tags");

            migrationBuilder.DropTable(
                name: "cust_followups");

            migrationBuilder.DropTable(
                name: "cust_saved_filters");

            migrationBuilder.DropTable(
                name: "cust_sequences");

            migrationBuilder.DropTable(
                name: "cust_tag_synonyms");

            migrationBuilder.DropTable(
                name: "cust_needs");

            migrationBuilder.DropTable(
                name: "cust_tags");

            migrationBuilder.DropTable(
                name: "cust_customers");

            migrationBuilder.DropTable(
                name: "cust_tag_dimensions");
        }
    }
}
