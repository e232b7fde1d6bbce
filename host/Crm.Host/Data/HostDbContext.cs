using Crm.Host.Auditing;
using Crm.Host.Email;
using Crm.Host.Identity;
using Crm.Host.Scheduling;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Crm.Host.Data;

/// <summary>The host's own tables (prefix <c>host_</c>): identity, departments, audit log, outbox, settings, schedules.</summary>
public sealed class HostDbContext(DbContextOptions<HostDbContext> options)
    : IdentityDbContext<CrmUser, CrmRole, Guid, IdentityUserClaim<Guid>, IdentityUserRole<Guid>, IdentityUserLogin<Guid>, IdentityRoleClaim<Guid>, IdentityUserToken<Guid>>(options)
{
    public const string ModuleId = "host";

    public DbSet<Department> Departments => Set<Department>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<Setting> Settings => Set<Setting>();
    public DbSet<Schedule> Schedules => Set<Schedule>();
    public DbSet<ScheduleRun> ScheduleRuns => Set<ScheduleRun>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<CrmUser>(e =>
        {
            e.ToTable("host_users");
            e.Property(u => u.DisplayName).HasMaxLength(100);
            e.HasIndex(u => u.DepartmentId);
        });
        builder.Entity<CrmRole>(e =>
        {
            e.ToTable("host_roles");
            e.Property(r => r.DisplayName).HasMaxLength(100);
            e.Property(r => r.DataScope).HasConversion<string>().HasMaxLength(20);
        });
        builder.Entity<IdentityUserRole<Guid>>().ToTable("host_user_roles");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("host_role_claims");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("host_user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("host_user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("host_user_tokens");

        builder.Entity<Department>(e =>
        {
            e.ToTable("host_departments");
            e.Property(d => d.Name).HasMaxLength(100);
            e.HasIndex(d => new { d.ParentId, d.Name }).IsUnique();
            e.Property(d => d.Version).IsConcurrencyToken();
        });

        builder.Entity<AuditEntry>(e =>
        {
            e.ToTable("host_audit_log");
            e.Property(a => a.Action).HasMaxLength(50);
            e.Property(a => a.EntityType).HasMaxLength(100);
            e.Property(a => a.EntityId).HasMaxLength(100);
            e.Property(a => a.UserName).HasMaxLength(256);
            e.Property(a => a.ClientIp).HasMaxLength(64);
            e.HasIndex(a => a.At);
            e.HasIndex(a => new { a.EntityType, a.EntityId });
            e.HasIndex(a => new { a.UserId, a.At });
        });

        builder.Entity<OutboxMessage>(e =>
        {
            e.ToTable("host_outbox");
            e.Property(m => m.Subject).HasMaxLength(500);
            e.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(m => new { m.Status, m.NextAttemptAt });
            e.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<OutboxAttachment>().ToTable("host_outbox_attachments");

        builder.Entity<Setting>(e =>
        {
            e.ToTable("host_settings");
            e.HasKey(s => s.Key);
        });

        builder.Entity<Schedule>(e =>
        {
            e.ToTable("host_schedules");
            e.HasKey(s => s.Key);
        });
        builder.Entity<ScheduleRun>(e =>
        {
            e.ToTable("host_schedule_runs");
            e.HasKey(r => new { r.ScheduleKey, r.DueAt });
        });
    }
}
