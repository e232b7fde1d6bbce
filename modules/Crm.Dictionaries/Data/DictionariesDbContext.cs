using Crm.Dictionaries.Domain;
using Microsoft.EntityFrameworkCore;

namespace Crm.Dictionaries.Data;

/// <summary>The module's tables (prefix <c>dict_</c>) on the shared database.</summary>
public sealed class DictionariesDbContext(DbContextOptions<DictionariesDbContext> options) : DbContext(options)
{
    public DbSet<DictionaryType> Types => Set<DictionaryType>();
    public DbSet<DictionaryEntry> Entries => Set<DictionaryEntry>();
    public DbSet<DictionaryAlias> Aliases => Set<DictionaryAlias>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<DictionaryType>(e =>
        {
            e.ToTable("dict_types");
            e.Property(t => t.Code).HasMaxLength(64);
            e.Property(t => t.Name).HasMaxLength(100);
            e.Property(t => t.Description).HasMaxLength(500);
            e.Property(t => t.Version).IsConcurrencyToken();
            e.HasIndex(t => t.Code).IsUnique();
            e.HasMany(t => t.Entries).WithOne().HasForeignKey(x => x.TypeId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<DictionaryEntry>(e =>
        {
            e.ToTable("dict_entries");
            e.Property(x => x.Code).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.TypeId, x.Code }).IsUnique();
            // Sibling names are unique; SQLite treats NULL parents as distinct, so the service checks roots itself.
            e.HasIndex(x => new { x.TypeId, x.ParentId, x.Name }).IsUnique();
            e.HasOne<DictionaryEntry>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Aliases).WithOne().HasForeignKey(a => a.EntryId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<DictionaryAlias>(e =>
        {
            e.ToTable("dict_aliases");
            e.Property(a => a.Label).HasMaxLength(100);
            e.Property(a => a.NormalizedLabel).HasMaxLength(100);
            e.HasIndex(a => new { a.EntryId, a.NormalizedLabel }).IsUnique();
        });
    }
}
