using System.Globalization;
using Crm.Customers.Domain;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Customers.Endpoints;

/// <summary>The list's filters in a query string: <c>?text=…&amp;status=001&amp;tagsAll=3&amp;tagsAll=7&amp;churnRisk=true</c>.
/// Bound by every endpoint that takes the list's filter (the list, its count, the export), and written by pages
/// that link to one of them, so the names are here once.</summary>
internal record CustomerFilterQuery
{
    [FromQuery] public string? Text { get; init; }
    [FromQuery] public string[]? Status { get; init; }
    [FromQuery] public string[]? Tier { get; init; }
    [FromQuery] public string? Industry { get; init; }
    [FromQuery] public string? Region { get; init; }
    [FromQuery] public Guid? Owner { get; init; }
    [FromQuery] public Guid? Department { get; init; }
    [FromQuery] public CustomerKind? Kind { get; init; }
    [FromQuery] public int[]? TagsAll { get; init; }
    [FromQuery] public int[]? TagsAny { get; init; }
    [FromQuery] public DateTime? CreatedFrom { get; init; }
    [FromQuery] public DateTime? CreatedTo { get; init; }
    [FromQuery] public DateTime? UpdatedFrom { get; init; }
    [FromQuery] public DateTime? UpdatedTo { get; init; }
    [FromQuery] public bool? ChurnRisk { get; init; }
    /// <summary>待修正: customers with a review note.</summary>
    [FromQuery] public bool? Flagged { get; init; }
    [FromQuery] public bool? Deleted { get; init; }

    public CustomerFilter ToFilter() => new()
    {
        Text = Text, Status = Status, Tier = Tier, Industry = Industry, Region = Region, Owner = Owner, Department = Department,
        Kind = Kind, TagsAll = TagsAll, TagsAny = TagsAny, ChurnRisk = ChurnRisk ?? false, Flagged = Flagged ?? false, Deleted = Deleted ?? false,
        CreatedFrom = Utc(CreatedFrom), CreatedTo = Utc(CreatedTo), UpdatedFrom = Utc(UpdatedFrom), UpdatedTo = Utc(UpdatedTo),
    };

    /// <summary>The query string (with its "?", or "" for no filter) that binds back to <paramref name="filter"/>.</summary>
    public static string Of(CustomerFilter filter)
    {
        var values = new List<KeyValuePair<string, string?>>();
        void Add(string name, object? value)
        {
            var text = value switch
            {
                null => null,
                DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
                bool flag => flag ? "true" : null,
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
            if (!string.IsNullOrEmpty(text)) values.Add(new(name, text));
        }
        Add("text", filter.Text);
        foreach (var status in filter.Status ?? []) Add("status", status);
        foreach (var tier in filter.Tier ?? []) Add("tier", tier);
        Add("industry", filter.Industry);
        Add("region", filter.Region);
        Add("owner", filter.Owner);
        Add("department", filter.Department);
        Add("kind", filter.Kind);
        foreach (var tag in filter.TagsAll ?? []) Add("tagsAll", tag);
        foreach (var tag in filter.TagsAny ?? []) Add("tagsAny", tag);
        Add("createdFrom", filter.CreatedFrom);
        Add("createdTo", filter.CreatedTo);
        Add("updatedFrom", filter.UpdatedFrom);
        Add("updatedTo", filter.UpdatedTo);
        Add("churnRisk", filter.ChurnRisk);
        Add("flagged", filter.Flagged);
        Add("deleted", filter.Deleted);
        return QueryString.Create(values).ToUriComponent();
    }

    static DateTime? Utc(DateTime? value) => value?.Kind switch
    {
        null => null,
        DateTimeKind.Utc => value,
        _ => value.Value.ToUniversalTime(),
    };
}
