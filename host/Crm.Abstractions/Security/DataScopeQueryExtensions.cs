using System.Linq.Expressions;

namespace Crm.Abstractions.Security;

/// <summary>The one query-level filter every module applies to lists and reads, so that a record outside the
/// user's scope is simply not found (404), never returned.</summary>
public static class DataScopeQueryExtensions
{
    public static IQueryable<T> WithinScope<T>(this IQueryable<T> query, DataScope scope) where T : class, IScopedEntity
        => scope.Kind == DataScopeKind.All ? query : query.Where(ScopePredicate<T>(scope));

    /// <summary>The scope as an expression over <typeparamref name="T"/>, built on the concrete type's properties
    /// so that every EF provider translates it. A user always sees what they own.</summary>
    public static Expression<Func<T, bool>> ScopePredicate<T>(DataScope scope) where T : class, IScopedEntity
    {
        var entity = Expression.Parameter(typeof(T), "e");
        if (scope.Kind == DataScopeKind.All)
            return Expression.Lambda<Func<T, bool>>(Expression.Constant(true), entity);
        if (scope.UserId is not { } userId)
            return Expression.Lambda<Func<T, bool>>(Expression.Constant(false), entity);

        Expression owned = Expression.Equal(
            Expression.Property(entity, nameof(IScopedEntity.OwnerId)),
            Expression.Constant(userId));
        if (scope.Kind == DataScopeKind.Own || scope.DepartmentIds.Count == 0)
            return Expression.Lambda<Func<T, bool>>(owned, entity);

        var departments = scope.DepartmentIds.Select(id => (Guid?)id).ToList();
        var inDepartment = Expression.Call(
            Expression.Constant(departments),
            typeof(List<Guid?>).GetMethod(nameof(List<Guid?>.Contains))!,
            Expression.Property(entity, nameof(IScopedEntity.DepartmentId)));
        return Expression.Lambda<Func<T, bool>>(Expression.OrElse(owned, inDepartment), entity);
    }
}
