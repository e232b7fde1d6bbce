using Crm.Customers.Domain;
using Crm.Customers.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Crm.Customers.Data;

/// <summary>The module's tables (prefix <c>cust_</c>) on the shared database.</summary>
public sealed class CustomersDbContext(DbContextOptions<CustomersDbContext> options) : DbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Need> Needs => Set<Need>();
    public DbSet<FollowUp> FollowUps => Set<FollowUp>();
    public DbSet<TagDimension> TagDimensions => Set<TagDimension>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<TagSynonym> TagSynonyms => Set<TagSynonym>();
    public DbSet<CustomerTag> CustomerTags => Set<CustomerTag>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<SavedFilter> SavedFilters => Set<SavedFilter>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<ImportChange> ImportChanges => Set<ImportChange>();
    public DbSet<ImportMapping> ImportMappings => Set<ImportMapping>();
    public DbSet<ImportFailure> ImportFailures => Set<ImportFailure>();

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        // Money is exact: stored as integer fen, so it sorts and compares in SQL (SQLite has no decimal type).
        conventions.Properties<decimal>().HaveConversion<MoneyConverter>();
        conventions.Properties<decimal?>().HaveConversion<MoneyConverter>();
        // Times are UTC in the database; reading them back says so.
        conventions.Properties<DateTime>().HaveConversion<UtcConverter>();
        conventions.Properties<DateTime?>().HaveConversion<UtcConverter>();
        conventions.Properties<string>().HaveMaxLength(200);
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Customer>(e =>
        {
            e.ToTable("cust_customers");
            e.Property(c => c.Code).HasMaxLength(20);
            e.Property(c => c.CreditCode).HasMaxLength(18);
            e.Property(c => c.IdNumberCipher).HasMaxLength(400);
            e.Property(c => c.Address).HasMaxLength(300);
            e.Property(c => c.Remarks).HasMaxLength(2000);
            e.Property(c => c.Competitors).HasMaxLength(1000);
            e.Property(c => c.RelatedProjects).HasMaxLength(1000);
            e.Property(c => c.AbnormalProgress).HasMaxLength(1000);
            e.Property(c => c.StatusCode).HasMaxLength(64);
            e.Property(c => c.ValueTierCode).HasMaxLength(64);
            e.Property(c => c.Version).IsConcurrencyToken();
            e.HasIndex(c => c.Code).IsUnique();
            e.HasIndex(c => c.NameKey).IsUnique().HasFilter("\"DeletedAt\" IS NULL");
            e.HasIndex(c => c.CreditCode).IsUnique().HasFilter("\"CreditCode\" IS NOT NULL AND \"DeletedAt\" IS NULL");
            e.HasIndex(c => c.IdNumberHash).IsUnique().HasFilter("\"IdNumberHash\" IS NOT NULL AND \"DeletedAt\" IS NULL");
            // Each list order and scope has an index that matches it, so a page is a short index walk (keyset).
            // The default order; it also carries the common filter columns, so that walking it for a tag combination
            // (CustomerQuery) reads no table rows until a match.
            e.HasIndex(c => new { c.UpdatedAt, c.Id, c.DeletedAt, c.IndustryCode, c.RegionCode });
            e.HasIndex(c => new { c.OwnerId, c.UpdatedAt, c.Id });
            e.HasIndex(c => new { c.DepartmentId, c.UpdatedAt, c.Id });
            e.HasIndex(c => new { c.IndustryCode, c.UpdatedAt, c.Id });
            e.HasIndex(c => new { c.RegionCode, c.UpdatedAt, c.Id });
            e.HasIndex(c => new { c.StatusCode, c.UpdatedAt, c.Id });
            e.HasIndex(c => c.LastFollowUpAt);
            e.Property(c => c.ReviewNote).HasMaxLength(500);
            // The 待修正 list: few customers, in the list order.
            e.HasIndex(c => new { c.UpdatedAt, c.Id }, "IX_cust_customers_Flagged").HasFilter("\"ReviewNote\" IS NOT NULL");
            // Possible duplicates (查重) group by the name's core.
            e.HasIndex(c => c.NameCore);
            e.HasIndex(c => c.ImportBatchId).HasFilter("\"ImportBatchId\" IS NOT NULL");
            e.HasIndex(c => c.MergedIntoId).HasFilter("\"MergedIntoId\" IS NOT NULL");
            e.HasMany(c => c.Contacts).WithOne().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(c => c.Tags).WithOne().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Contact>(e =>
        {
            e.ToTable("cust_contacts");
            e.Property(c => c.Name).HasMaxLength(50);
            e.Property(c => c.MobileCipher).HasMaxLength(400);
            e.Property(c => c.OfficePhoneCipher).HasMaxLength(400);
            e.Property(c => c.EmailCipher).HasMaxLength(600);
            e.Property(c => c.Version).IsConcurrencyToken();
            // Two indexes on the same column need their own names, or EF keeps only the last one.
            e.HasIndex(c => c.CustomerId, "IX_cust_contacts_CustomerId");
            e.HasIndex(c => c.CustomerId, "IX_cust_contacts_CustomerId_Primary").IsUnique().HasFilter("\"IsPrimary\" = 1");
            e.HasIndex(c => c.MobileHash);
            e.HasIndex(c => c.OfficePhoneHash);
            e.HasIndex(c => c.EmailHash);
            e.HasIndex(c => c.Name);
        });
        model.Entity<Need>(e =>
        {
            e.ToTable("cust_needs");
            e.Property(n => n.Description).HasMaxLength(2000);
            e.Property(n => n.PainPoints).HasMaxLength(2000);
            e.Property(n => n.Version).IsConcurrencyToken();
            e.HasIndex(n => n.CustomerId);
            e.HasOne<Customer>().WithMany().HasForeignKey(n => n.CustomerId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<FollowUp>(e =>
        {
            e.ToTable("cust_followups");
            e.Property(f => f.Summary).HasMaxLength(2000);
            e.Property(f => f.Result).HasMaxLength(500);
            e.Property(f => f.NextAction).HasMaxLength(500);
            e.HasIndex(f => new { f.CustomerId, f.At });
            e.HasIndex(f => new { f.NextActionDue, f.NextActionDone });
            e.HasIndex(f => f.NextActionOwnerId);
            e.HasOne<Customer>().WithMany().HasForeignKey(f => f.CustomerId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<TagDimension>(e =>
        {
            e.ToTable("cust_tag_dimensions");
            e.Property(d => d.Code).HasMaxLength(50);
            e.Property(d => d.Name).HasMaxLength(50);
            e.HasIndex(d => d.Code).IsUnique();
            e.HasData(TagSeed.Dimensions);
        });
        model.Entity<Tag>(e =>
        {
            e.ToTable("cust_tags");
            e.Property(t => t.Name).HasMaxLength(30);
            e.Property(t => t.NameKey).HasMaxLength(30);
            e.HasIndex(t => t.NameKey).IsUnique();
            e.HasOne(t => t.Dimension).WithMany().HasForeignKey(t => t.DimensionId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(t => t.Synonyms).WithOne().HasForeignKey(s => s.TagId).OnDelete(DeleteBehavior.Cascade);
            e.HasData(TagSeed.Tags);
        });
        model.Entity<TagSynonym>(e =>
        {
            e.ToTable("cust_tag_synonyms");
            e.Property(t => t.Name).HasMaxLength(30);
            e.Property(t => t.NameKey).HasMaxLength(30);
            e.HasIndex(t => t.NameKey).IsUnique();
            e.HasData(TagSeed.Synonyms);
        });
        model.Entity<CustomerTag>(e =>
        {
            e.ToTable("cust_customer_tags");
            e.HasKey(t => new { t.CustomerId, t.TagId });
            // "Customers with tag X" walks this index; together with the key it answers tag combinations.
            e.HasIndex(t => new { t.TagId, t.CustomerId });
            e.HasOne<Tag>().WithMany().HasForeignKey(t => t.TagId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<Attachment>(e =>
        {
            e.ToTable("cust_attachments");
            e.Property(a => a.FileName).HasMaxLength(255);
            e.Property(a => a.ContentType).HasMaxLength(100);
            e.Property(a => a.Sha256).HasMaxLength(64);
            e.HasIndex(a => a.CustomerId);
            e.HasIndex(a => a.Sha256);
            e.HasOne<Customer>().WithMany().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Need>().WithMany().HasForeignKey(a => a.NeedId).OnDelete(DeleteBehavior.SetNull);
        });
        model.Entity<SavedFilter>(e =>
        {
            e.ToTable("cust_saved_filters");
            e.Property(f => f.Name).HasMaxLength(50);
            e.Property(f => f.Json).HasMaxLength(4000);
            e.HasIndex(f => new { f.UserId, f.Name }).IsUnique();
        });
        model.Entity<ImportBatch>(e =>
        {
            e.ToTable("cust_import_batches");
            e.Property(b => b.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(b => b.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(b => b.Mode).HasConversion<string>().HasMaxLength(20);
            e.Property(b => b.FileName).HasMaxLength(255);
            e.Property(b => b.Sha256).HasMaxLength(64);
            e.Property(b => b.OptionsJson).HasMaxLength(100_000);
            e.Property(b => b.Message).HasMaxLength(2000);
            e.Property(b => b.ImportedByName).HasMaxLength(100);
            // The history: own batches newest first; all batches for data administrators.
            e.HasIndex(b => new { b.ImportedBy, b.Id });
            e.HasIndex(b => b.Status);
        });
        model.Entity<ImportChange>(e =>
        {
            e.ToTable("cust_import_changes");
            e.Property(c => c.Kind).HasConversion<int>();
            e.Property(c => c.BeforeJson).HasMaxLength(20_000);
            e.HasIndex(c => new { c.BatchId, c.Row });
            e.HasIndex(c => c.CustomerId);
            e.HasOne<ImportBatch>().WithMany().HasForeignKey(c => c.BatchId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ImportFailure>(e =>
        {
            e.ToTable("cust_import_failures");
            e.Property(f => f.Reasons).HasMaxLength(4000);
            e.HasIndex(f => new { f.BatchId, f.Row });
            e.HasOne<ImportBatch>().WithMany().HasForeignKey(f => f.BatchId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ImportMapping>(e =>
        {
            e.ToTable("cust_import_mappings");
            e.Property(m => m.Name).HasMaxLength(50);
            e.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(m => m.ColumnsJson).HasMaxLength(20_000);
            e.Property(m => m.UpdatedByName).HasMaxLength(100);
            e.HasIndex(m => m.Name).IsUnique();
        });
        model.Entity<CodeSequenceRow>(e =>
        {
            e.ToTable("cust_sequences");
            e.HasKey(s => s.Name);
            e.Property(s => s.Name).HasMaxLength(50);
            e.HasData(new CodeSequenceRow { Name = CodeSequence.CustomerCodes, Value = 0 });
        });
    }

    sealed class MoneyConverter() : ValueConverter<decimal, long>(v => (long)decimal.Round(v * 100m, 0, MidpointRounding.AwayFromZero), v => v / 100m);

    sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
