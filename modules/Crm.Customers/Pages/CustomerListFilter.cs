using Crm.Abstractions;
using Crm.Customers.Domain;
using MudBlazor;

namespace Crm.Customers.Pages;

/// <summary>The list page's filter inputs as the controls bind them; becomes a <see cref="CustomerFilter"/> (dates
/// picked in China time become UTC bounds, the end day included) and is rebuilt from one (a saved filter, a link).</summary>
internal sealed class CustomerListFilter
{
    public string? Text { get; set; }
    public IReadOnlyCollection<string> Status { get; set; } = [];
    public IReadOnlyCollection<string> Tier { get; set; } = [];
    public string? Industry { get; set; }
    public string? Region { get; set; }
    public Guid? Owner { get; set; }
    public Guid? Department { get; set; }
    public IReadOnlyList<int> TagsAll { get; set; } = [];
    public IReadOnlyList<int> TagsAny { get; set; } = [];
    public DateRange? Created { get; set; }
    public DateRange? Updated { get; set; }
    public bool ChurnRisk { get; set; }
    public bool Flagged { get; set; }
    public bool Deleted { get; set; }

    /// <summary>Filters beyond the search box, status and tier are set (the panel with them opens).</summary>
    public bool HasMore => Industry is not null || Region is not null || Owner is not null || Department is not null
        || TagsAll.Count > 0 || TagsAny.Count > 0 || Created is not null || Updated is not null || ChurnRisk || Flagged || Deleted;

    public CustomerFilter ToFilter() => new()
    {
        Text = string.IsNullOrWhiteSpace(Text) ? null : Text.Trim(),
        Status = Status.Count > 0 ? Status.ToList() : null,
        Tier = Tier.Count > 0 ? Tier.ToList() : null,
        Industry = Industry,
        Region = Region,
        Owner = Owner,
        Department = Department,
        TagsAll = TagsAll.Count > 0 ? TagsAll : null,
        TagsAny = TagsAny.Count > 0 ? TagsAny : null,
        CreatedFrom = From(Created),
        CreatedTo = To(Created),
        UpdatedFrom = From(Updated),
        UpdatedTo = To(Updated),
        ChurnRisk = ChurnRisk,
        Flagged = Flagged,
        Deleted = Deleted,
    };

    public static CustomerListFilter Of(CustomerFilter filter) => new()
    {
        Text = filter.Text,
        Status = filter.Status ?? [],
        Tier = filter.Tier ?? [],
        Industry = filter.Industry,
        Region = filter.Region,
        Owner = filter.Owner,
        Department = filter.Department,
        TagsAll = filter.TagsAll ?? [],
        TagsAny = filter.TagsAny ?? [],
        Created = Range(filter.CreatedFrom, filter.CreatedTo),
        Updated = Range(filter.UpdatedFrom, filter.UpdatedTo),
        ChurnRisk = filter.ChurnRisk,
        Flagged = filter.Flagged,
        Deleted = filter.Deleted,
    };

    static DateTime? From(DateRange? range) => range?.Start is { } start ? ChinaTime.ToUtc(start.Date) : null;

    static DateTime? To(DateRange? range) => range?.End is { } end ? ChinaTime.ToUtc(end.Date.AddDays(1)) : null;

    static DateRange? Range(DateTime? from, DateTime? to) => from is null && to is null
        ? null
        : new DateRange(from is { } f ? ChinaTime.FromUtc(f).Date : null, to is { } t ? ChinaTime.FromUtc(t).Date.AddDays(-1) : null);
}
