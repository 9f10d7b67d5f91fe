"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.redisConfigLines = redisConfigLines;
exports.renderRedisConf = renderRedisConf;
exports.mergeRedisConfig = mergeRedisConfig;
/**
 * redis.conf as typed data, and the one function that renders it to text.
 *
 * @see https://raw.githubusercontent.com/redis/redis/7.2/redis.conf
 */
const _errors_1 = require("./_errors");
/**
 * The lines a RedisConfig renders to, in order: one per value, keys whose value is `null` or
 * `undefined` left out.
 *
 * @param prop the name errors give the config, e.g. `redisConfig`
 */
function redisConfigLines(config, prop = 'redisConfig') {
    const lines = [];
    for (const [directive, value] of Object.entries(config)) {
        if (value === null || value === undefined) {
            continue;
        }
        const values = Array.isArray(value) ? value : [value];
        values.forEach((v, i) => {
            const source = `${prop}['${directive}']${Array.isArray(value) ? `[${i}]` : ''}`;
            lines.push({ directive, args: renderScalar(source, v), source });
        });
    }
    return lines;
}
/**
 * Renders a redis.conf. Directives come out in the order of the object's keys (so a merged config
 * keeps the base's order and appends new directives), one line per value. Keys whose value is
 * `null` or `undefined` are left out. Raw lines follow the directives, as written.
 *
 * @param config the directives
 * @param header comment lines written first, without the leading `# `
 * @param rawLines whole redis.conf lines written last (RedisCluster's `extraRedisConfig`, which
 *   it checks before they get here)
 */
function renderRedisConf(config, header = [], rawLines = []) {
    const lines = header.map((h) => (h === '' ? '#' : `# ${h}`));
    for (const line of redisConfigLines(config)) {
        lines.push(`${line.directive} ${line.args}`);
    }
    rawLines.forEach((raw, i) => {
        if (typeof raw !== 'string' || /[\r\n]/.test(raw)) {
            throw new _errors_1.ValidationError(`extraRedisConfig[${i}] must be one line of text, got ${JSON.stringify(raw)}: put each line in its own array element`);
        }
        lines.push(raw);
    });
    return lines.join('\n') + '\n';
}
function renderScalar(source, value) {
    if (typeof value === 'boolean') {
        return value ? 'yes' : 'no';
    }
    if (typeof value === 'number') {
        if (!Number.isFinite(value)) {
            throw new _errors_1.ValidationError(`${source} must be a finite number, got ${value}: use an integer`);
        }
        return String(value);
    }
    if (typeof value !== 'string') {
        throw new _errors_1.ValidationError(`${source} must be a string, number or boolean, got ${JSON.stringify(value)}: write the value as redis.conf text, e.g. '64mb'`);
    }
    if (/[\r\n]/.test(value)) {
        throw new _errors_1.ValidationError(`${source} must be one line, got ${JSON.stringify(value)}: remove the line break`);
    }
    return value === '' ? '""' : value;
}
/**
 * Merges directive maps left to right: later keys override earlier ones in place (keeping the
 * earlier position), new keys are appended, `null` removes.
 */
function mergeRedisConfig(...configs) {
    const merged = {};
    for (const config of configs) {
        for (const [k, v] of Object.entries(config)) {
            if (v !== undefined) {
                merged[k] = v;
            }
        }
    }
    return merged;
}
//# sourceMappingURL=data:application/json;base64,eyJ2ZXJzaW9uIjozLCJmaWxlIjoicmVkaXMtY29uZmlnLmpzIiwic291cmNlUm9vdCI6IiIsInNvdXJjZXMiOlsiLi4vLi4vLi4vd29yay93dC1wYWNrYWdlL3NyYy9yZWRpcy1jb25maWcudHMiXSwibmFtZXMiOltdLCJtYXBwaW5ncyI6Ijs7QUF5Q0EsNENBYUM7QUFZRCwwQ0FZQztBQXlCRCw0Q0FVQztBQWpIRDs7OztHQUlHO0FBQ0gsdUNBQTRDO0FBOEI1Qzs7Ozs7R0FLRztBQUNILFNBQWdCLGdCQUFnQixDQUFDLE1BQW1CLEVBQUUsSUFBSSxHQUFHLGFBQWE7SUFDeEUsTUFBTSxLQUFLLEdBQXNCLEVBQUUsQ0FBQztJQUNwQyxLQUFLLE1BQU0sQ0FBQyxTQUFTLEVBQUUsS0FBSyxDQUFDLElBQUksTUFBTSxDQUFDLE9BQU8sQ0FBQyxNQUFNLENBQUMsRUFBRSxDQUFDO1FBQ3hELElBQUksS0FBSyxLQUFLLElBQUksSUFBSSxLQUFLLEtBQUssU0FBUyxFQUFFLENBQUM7WUFDMUMsU0FBUztRQUNYLENBQUM7UUFDRCxNQUFNLE1BQU0sR0FBaUMsS0FBSyxDQUFDLE9BQU8sQ0FBQyxLQUFLLENBQUMsQ0FBQyxDQUFDLENBQUMsS0FBSyxDQUFDLENBQUMsQ0FBQyxDQUFDLEtBQTBCLENBQUMsQ0FBQztRQUN6RyxNQUFNLENBQUMsT0FBTyxDQUFDLENBQUMsQ0FBQyxFQUFFLENBQUMsRUFBRSxFQUFFO1lBQ3RCLE1BQU0sTUFBTSxHQUFHLEdBQUcsSUFBSSxLQUFLLFNBQVMsS0FBSyxLQUFLLENBQUMsT0FBTyxDQUFDLEtBQUssQ0FBQyxDQUFDLENBQUMsQ0FBQyxJQUFJLENBQUMsR0FBRyxDQUFDLENBQUMsQ0FBQyxFQUFFLEVBQUUsQ0FBQztZQUNoRixLQUFLLENBQUMsSUFBSSxDQUFDLEVBQUUsU0FBUyxFQUFFLElBQUksRUFBRSxZQUFZLENBQUMsTUFBTSxFQUFFLENBQUMsQ0FBQyxFQUFFLE1BQU0sRUFBRSxDQUFDLENBQUM7UUFDbkUsQ0FBQyxDQUFDLENBQUM7SUFDTCxDQUFDO0lBQ0QsT0FBTyxLQUFLLENBQUM7QUFDZixDQUFDO0FBRUQ7Ozs7Ozs7OztHQVNHO0FBQ0gsU0FBZ0IsZUFBZSxDQUFDLE1BQW1CLEVBQUUsU0FBNEIsRUFBRSxFQUFFLFdBQThCLEVBQUU7SUFDbkgsTUFBTSxLQUFLLEdBQWEsTUFBTSxDQUFDLEdBQUcsQ0FBQyxDQUFDLENBQUMsRUFBRSxFQUFFLENBQUMsQ0FBQyxDQUFDLEtBQUssRUFBRSxDQUFDLENBQUMsQ0FBQyxHQUFHLENBQUMsQ0FBQyxDQUFDLEtBQUssQ0FBQyxFQUFFLENBQUMsQ0FBQyxDQUFDO0lBQ3ZFLEtBQUssTUFBTSxJQUFJLElBQUksZ0JBQWdCLENBQUMsTUFBTSxDQUFDLEVBQUUsQ0FBQztRQUM1QyxLQUFLLENBQUMsSUFBSSxDQUFDLEdBQUcsSUFBSSxDQUFDLFNBQVMsSUFBSSxJQUFJLENBQUMsSUFBSSxFQUFFLENBQUMsQ0FBQztJQUMvQyxDQUFDO0lBQ0QsUUFBUSxDQUFDLE9BQU8sQ0FBQyxDQUFDLEdBQUcsRUFBRSxDQUFDLEVBQUUsRUFBRTtRQUMxQixJQUFJLE9BQU8sR0FBRyxLQUFLLFFBQVEsSUFBSSxRQUFRLENBQUMsSUFBSSxDQUFDLEdBQUcsQ0FBQyxFQUFFLENBQUM7WUFDbEQsTUFBTSxJQUFJLHlCQUFlLENBQUMsb0JBQW9CLENBQUMsbUNBQW1DLElBQUksQ0FBQyxTQUFTLENBQUMsR0FBRyxDQUFDLDBDQUEwQyxDQUFDLENBQUM7UUFDbkosQ0FBQztRQUNELEtBQUssQ0FBQyxJQUFJLENBQUMsR0FBRyxDQUFDLENBQUM7SUFDbEIsQ0FBQyxDQUFDLENBQUM7SUFDSCxPQUFPLEtBQUssQ0FBQyxJQUFJLENBQUMsSUFBSSxDQUFDLEdBQUcsSUFBSSxDQUFDO0FBQ2pDLENBQUM7QUFFRCxTQUFTLFlBQVksQ0FBQyxNQUFjLEVBQUUsS0FBd0I7SUFDNUQsSUFBSSxPQUFPLEtBQUssS0FBSyxTQUFTLEVBQUUsQ0FBQztRQUMvQixPQUFPLEtBQUssQ0FBQyxDQUFDLENBQUMsS0FBSyxDQUFDLENBQUMsQ0FBQyxJQUFJLENBQUM7SUFDOUIsQ0FBQztJQUNELElBQUksT0FBTyxLQUFLLEtBQUssUUFBUSxFQUFFLENBQUM7UUFDOUIsSUFBSSxDQUFDLE1BQU0sQ0FBQyxRQUFRLENBQUMsS0FBSyxDQUFDLEVBQUUsQ0FBQztZQUM1QixNQUFNLElBQUkseUJBQWUsQ0FBQyxHQUFHLE1BQU0saUNBQWlDLEtBQUssa0JBQWtCLENBQUMsQ0FBQztRQUMvRixDQUFDO1FBQ0QsT0FBTyxNQUFNLENBQUMsS0FBSyxDQUFDLENBQUM7SUFDdkIsQ0FBQztJQUNELElBQUksT0FBTyxLQUFLLEtBQUssUUFBUSxFQUFFLENBQUM7UUFDOUIsTUFBTSxJQUFJLHlCQUFlLENBQUMsR0FBRyxNQUFNLDZDQUE2QyxJQUFJLENBQUMsU0FBUyxDQUFDLEtBQUssQ0FBQyxtREFBbUQsQ0FBQyxDQUFDO0lBQzVKLENBQUM7SUFDRCxJQUFJLFFBQVEsQ0FBQyxJQUFJLENBQUMsS0FBSyxDQUFDLEVBQUUsQ0FBQztRQUN6QixNQUFNLElBQUkseUJBQWUsQ0FBQyxHQUFHLE1BQU0sMEJBQTBCLElBQUksQ0FBQyxTQUFTLENBQUMsS0FBSyxDQUFDLHlCQUF5QixDQUFDLENBQUM7SUFDL0csQ0FBQztJQUNELE9BQU8sS0FBSyxLQUFLLEVBQUUsQ0FBQyxDQUFDLENBQUMsSUFBSSxDQUFDLENBQUMsQ0FBQyxLQUFLLENBQUM7QUFDckMsQ0FBQztBQUVEOzs7R0FHRztBQUNILFNBQWdCLGdCQUFnQixDQUFDLEdBQUcsT0FBK0I7SUFDakUsTUFBTSxNQUFNLEdBQXdELEVBQUUsQ0FBQztJQUN2RSxLQUFLLE1BQU0sTUFBTSxJQUFJLE9BQU8sRUFBRSxDQUFDO1FBQzdCLEtBQUssTUFBTSxDQUFDLENBQUMsRUFBRSxDQUFDLENBQUMsSUFBSSxNQUFNLENBQUMsT0FBTyxDQUFDLE1BQU0sQ0FBQyxFQUFFLENBQUM7WUFDNUMsSUFBSSxDQUFDLEtBQUssU0FBUyxFQUFFLENBQUM7Z0JBQ3BCLE1BQU0sQ0FBQyxDQUFDLENBQUMsR0FBRyxDQUFDLENBQUM7WUFDaEIsQ0FBQztRQUNILENBQUM7SUFDSCxDQUFDO0lBQ0QsT0FBTyxNQUFNLENBQUM7QUFDaEIsQ0FBQyIsInNvdXJjZXNDb250ZW50IjpbIi8qKlxuICogcmVkaXMuY29uZiBhcyB0eXBlZCBkYXRhLCBhbmQgdGhlIG9uZSBmdW5jdGlvbiB0aGF0IHJlbmRlcnMgaXQgdG8gdGV4dC5cbiAqXG4gKiBAc2VlIGh0dHBzOi8vcmF3LmdpdGh1YnVzZXJjb250ZW50LmNvbS9yZWRpcy9yZWRpcy83LjIvcmVkaXMuY29uZlxuICovXG5pbXBvcnQgeyBWYWxpZGF0aW9uRXJyb3IgfSBmcm9tICcuL19lcnJvcnMnO1xuXG4vKiogT25lIGFyZ3VtZW50IGxpc3Qgb2YgYSBkaXJlY3RpdmU6IGB5ZXNgL2Bub2AgZm9yIGJvb2xlYW5zLCBudW1iZXJzIGFzIHdyaXR0ZW4uICovXG5leHBvcnQgdHlwZSBSZWRpc0NvbmZpZ1NjYWxhciA9IHN0cmluZyB8IG51bWJlciB8IGJvb2xlYW47XG5cbi8qKlxuICogVGhlIHZhbHVlIG9mIG9uZSBkaXJlY3RpdmUuIEFuIGFycmF5IHJlcGVhdHMgdGhlIGRpcmVjdGl2ZSBvbmNlIHBlciBlbGVtZW50IChgc2F2ZWAsXG4gKiBgY2xpZW50LW91dHB1dC1idWZmZXItbGltaXRgKTsgYSBzdHJpbmcgd2l0aCBzcGFjZXMgaXMgc2V2ZXJhbCBhcmd1bWVudHMgb24gb25lIGxpbmVcbiAqIChgJzkwMCAxJ2ApOyBhbiBlbXB0eSBzdHJpbmcgcmVuZGVycyBhcyBgXCJcImAuXG4gKi9cbmV4cG9ydCB0eXBlIFJlZGlzQ29uZmlnVmFsdWUgPSBSZWRpc0NvbmZpZ1NjYWxhciB8IHJlYWRvbmx5IFJlZGlzQ29uZmlnU2NhbGFyW107XG5cbi8qKlxuICogcmVkaXMuY29uZiBkaXJlY3RpdmVzIGJ5IG5hbWUuIEluIHByb3BzIHRoYXQgbWVyZ2Ugb3ZlciBhIGJhc2UsIGBudWxsYCByZW1vdmVzIGEgZGlyZWN0aXZlXG4gKiB0aGUgYmFzZSBzZXRzLlxuICovXG5leHBvcnQgaW50ZXJmYWNlIFJlZGlzQ29uZmlnIHtcbiAgcmVhZG9ubHkgW2RpcmVjdGl2ZTogc3RyaW5nXTogUmVkaXNDb25maWdWYWx1ZSB8IG51bGwgfCB1bmRlZmluZWQ7XG59XG5cbi8qKiBPbmUgbGluZSBvZiBhIHJlZGlzLmNvbmYsIGFzIHJlbmRlcmVkIGZyb20gdHlwZWQgZGF0YS4gKi9cbmV4cG9ydCBpbnRlcmZhY2UgUmVkaXNDb25maWdMaW5lIHtcbiAgLyoqIFRoZSBkaXJlY3RpdmUgYXMga2V5ZWQgaW4gdGhlIFJlZGlzQ29uZmlnLiAqL1xuICByZWFkb25seSBkaXJlY3RpdmU6IHN0cmluZztcbiAgLyoqIFRoZSBhcmd1bWVudHMgYXMgd3JpdHRlbiBhZnRlciB0aGUgZGlyZWN0aXZlIChgOTAwIDFgLCBgeWVzYCwgYFwiXCJgKS4gKi9cbiAgcmVhZG9ubHkgYXJnczogc3RyaW5nO1xuICAvKiogV2hlcmUgdGhlIGxpbmUgY29tZXMgZnJvbSwgZm9yIGVycm9yIG1lc3NhZ2VzOiBgcmVkaXNDb25maWdbJ3NhdmUnXVsxXWAuICovXG4gIHJlYWRvbmx5IHNvdXJjZTogc3RyaW5nO1xufVxuXG4vKipcbiAqIFRoZSBsaW5lcyBhIFJlZGlzQ29uZmlnIHJlbmRlcnMgdG8sIGluIG9yZGVyOiBvbmUgcGVyIHZhbHVlLCBrZXlzIHdob3NlIHZhbHVlIGlzIGBudWxsYCBvclxuICogYHVuZGVmaW5lZGAgbGVmdCBvdXQuXG4gKlxuICogQHBhcmFtIHByb3AgdGhlIG5hbWUgZXJyb3JzIGdpdmUgdGhlIGNvbmZpZywgZS5nLiBgcmVkaXNDb25maWdgXG4gKi9cbmV4cG9ydCBmdW5jdGlvbiByZWRpc0NvbmZpZ0xpbmVzKGNvbmZpZzogUmVkaXNDb25maWcsIHByb3AgPSAncmVkaXNDb25maWcnKTogUmVkaXNDb25maWdMaW5lW10ge1xuICBjb25zdCBsaW5lczogUmVkaXNDb25maWdMaW5lW10gPSBbXTtcbiAgZm9yIChjb25zdCBbZGlyZWN0aXZlLCB2YWx1ZV0gb2YgT2JqZWN0LmVudHJpZXMoY29uZmlnKSkge1xuICAgIGlmICh2YWx1ZSA9PT0gbnVsbCB8fCB2YWx1ZSA9PT0gdW5kZWZpbmVkKSB7XG4gICAgICBjb250aW51ZTtcbiAgICB9XG4gICAgY29uc3QgdmFsdWVzOiByZWFkb25seSBSZWRpc0NvbmZpZ1NjYWxhcltdID0gQXJyYXkuaXNBcnJheSh2YWx1ZSkgPyB2YWx1ZSA6IFt2YWx1ZSBhcyBSZWRpc0NvbmZpZ1NjYWxhcl07XG4gICAgdmFsdWVzLmZvckVhY2goKHYsIGkpID0+IHtcbiAgICAgIGNvbnN0IHNvdXJjZSA9IGAke3Byb3B9Wycke2RpcmVjdGl2ZX0nXSR7QXJyYXkuaXNBcnJheSh2YWx1ZSkgPyBgWyR7aX1dYCA6ICcnfWA7XG4gICAgICBsaW5lcy5wdXNoKHsgZGlyZWN0aXZlLCBhcmdzOiByZW5kZXJTY2FsYXIoc291cmNlLCB2KSwgc291cmNlIH0pO1xuICAgIH0pO1xuICB9XG4gIHJldHVybiBsaW5lcztcbn1cblxuLyoqXG4gKiBSZW5kZXJzIGEgcmVkaXMuY29uZi4gRGlyZWN0aXZlcyBjb21lIG91dCBpbiB0aGUgb3JkZXIgb2YgdGhlIG9iamVjdCdzIGtleXMgKHNvIGEgbWVyZ2VkIGNvbmZpZ1xuICoga2VlcHMgdGhlIGJhc2UncyBvcmRlciBhbmQgYXBwZW5kcyBuZXcgZGlyZWN0aXZlcyksIG9uZSBsaW5lIHBlciB2YWx1ZS4gS2V5cyB3aG9zZSB2YWx1ZSBpc1xuICogYG51bGxgIG9yIGB1bmRlZmluZWRgIGFyZSBsZWZ0IG91dC4gUmF3IGxpbmVzIGZvbGxvdyB0aGUgZGlyZWN0aXZlcywgYXMgd3JpdHRlbi5cbiAqXG4gKiBAcGFyYW0gY29uZmlnIHRoZSBkaXJlY3RpdmVzXG4gKiBAcGFyYW0gaGVhZGVyIGNvbW1lbnQgbGluZXMgd3JpdHRlbiBmaXJzdCwgd2l0aG91dCB0aGUgbGVhZGluZyBgIyBgXG4gKiBAcGFyYW0gcmF3TGluZXMgd2hvbGUgcmVkaXMuY29uZiBsaW5lcyB3cml0dGVuIGxhc3QgKFJlZGlzQ2x1c3RlcidzIGBleHRyYVJlZGlzQ29uZmlnYCwgd2hpY2hcbiAqICAgaXQgY2hlY2tzIGJlZm9yZSB0aGV5IGdldCBoZXJlKVxuICovXG5leHBvcnQgZnVuY3Rpb24gcmVuZGVyUmVkaXNDb25mKGNvbmZpZzogUmVkaXNDb25maWcsIGhlYWRlcjogcmVhZG9ubHkgc3RyaW5nW10gPSBbXSwgcmF3TGluZXM6IHJlYWRvbmx5IHN0cmluZ1tdID0gW10pOiBzdHJpbmcge1xuICBjb25zdCBsaW5lczogc3RyaW5nW10gPSBoZWFkZXIubWFwKChoKSA9PiAoaCA9PT0gJycgPyAnIycgOiBgIyAke2h9YCkpO1xuICBmb3IgKGNvbnN0IGxpbmUgb2YgcmVkaXNDb25maWdMaW5lcyhjb25maWcpKSB7XG4gICAgbGluZXMucHVzaChgJHtsaW5lLmRpcmVjdGl2ZX0gJHtsaW5lLmFyZ3N9YCk7XG4gIH1cbiAgcmF3TGluZXMuZm9yRWFjaCgocmF3LCBpKSA9PiB7XG4gICAgaWYgKHR5cGVvZiByYXcgIT09ICdzdHJpbmcnIHx8IC9bXFxyXFxuXS8udGVzdChyYXcpKSB7XG4gICAgICB0aHJvdyBuZXcgVmFsaWRhdGlvbkVycm9yKGBleHRyYVJlZGlzQ29uZmlnWyR7aX1dIG11c3QgYmUgb25lIGxpbmUgb2YgdGV4dCwgZ290ICR7SlNPTi5zdHJpbmdpZnkocmF3KX06IHB1dCBlYWNoIGxpbmUgaW4gaXRzIG93biBhcnJheSBlbGVtZW50YCk7XG4gICAgfVxuICAgIGxpbmVzLnB1c2gocmF3KTtcbiAgfSk7XG4gIHJldHVybiBsaW5lcy5qb2luKCdcXG4nKSArICdcXG4nO1xufVxuXG5mdW5jdGlvbiByZW5kZXJTY2FsYXIoc291cmNlOiBzdHJpbmcsIHZhbHVlOiBSZWRpc0NvbmZpZ1NjYWxhcik6IHN0cmluZyB7XG4gIGlmICh0eXBlb2YgdmFsdWUgPT09ICdib29sZWFuJykge1xuICAgIHJldHVybiB2YWx1ZSA/ICd5ZXMnIDogJ25vJztcbiAgfVxuICBpZiAodHlwZW9mIHZhbHVlID09PSAnbnVtYmVyJykge1xuICAgIGlmICghTnVtYmVyLmlzRmluaXRlKHZhbHVlKSkge1xuICAgICAgdGhyb3cgbmV3IFZhbGlkYXRpb25FcnJvcihgJHtzb3VyY2V9IG11c3QgYmUgYSBmaW5pdGUgbnVtYmVyLCBnb3QgJHt2YWx1ZX06IHVzZSBhbiBpbnRlZ2VyYCk7XG4gICAgfVxuICAgIHJldHVybiBTdHJpbmcodmFsdWUpO1xuICB9XG4gIGlmICh0eXBlb2YgdmFsdWUgIT09ICdzdHJpbmcnKSB7XG4gICAgdGhyb3cgbmV3IFZhbGlkYXRpb25FcnJvcihgJHtzb3VyY2V9IG11c3QgYmUgYSBzdHJpbmcsIG51bWJlciBvciBib29sZWFuLCBnb3QgJHtKU09OLnN0cmluZ2lmeSh2YWx1ZSl9OiB3cml0ZSB0aGUgdmFsdWUgYXMgcmVkaXMuY29uZiB0ZXh0LCBlLmcuICc2NG1iJ2ApO1xuICB9XG4gIGlmICgvW1xcclxcbl0vLnRlc3QodmFsdWUpKSB7XG4gICAgdGhyb3cgbmV3IFZhbGlkYXRpb25FcnJvcihgJHtzb3VyY2V9IG11c3QgYmUgb25lIGxpbmUsIGdvdCAke0pTT04uc3RyaW5naWZ5KHZhbHVlKX06IHJlbW92ZSB0aGUgbGluZSBicmVha2ApO1xuICB9XG4gIHJldHVybiB2YWx1ZSA9PT0gJycgPyAnXCJcIicgOiB2YWx1ZTtcbn1cblxuLyoqXG4gKiBNZXJnZXMgZGlyZWN0aXZlIG1hcHMgbGVmdCB0byByaWdodDogbGF0ZXIga2V5cyBvdmVycmlkZSBlYXJsaWVyIG9uZXMgaW4gcGxhY2UgKGtlZXBpbmcgdGhlXG4gKiBlYXJsaWVyIHBvc2l0aW9uKSwgbmV3IGtleXMgYXJlIGFwcGVuZGVkLCBgbnVsbGAgcmVtb3Zlcy5cbiAqL1xuZXhwb3J0IGZ1bmN0aW9uIG1lcmdlUmVkaXNDb25maWcoLi4uY29uZmlnczogcmVhZG9ubHkgUmVkaXNDb25maWdbXSk6IFJlZGlzQ29uZmlnIHtcbiAgY29uc3QgbWVyZ2VkOiBSZWNvcmQ8c3RyaW5nLCBSZWRpc0NvbmZpZ1ZhbHVlIHwgbnVsbCB8IHVuZGVmaW5lZD4gPSB7fTtcbiAgZm9yIChjb25zdCBjb25maWcgb2YgY29uZmlncykge1xuICAgIGZvciAoY29uc3QgW2ssIHZdIG9mIE9iamVjdC5lbnRyaWVzKGNvbmZpZykpIHtcbiAgICAgIGlmICh2ICE9PSB1bmRlZmluZWQpIHtcbiAgICAgICAgbWVyZ2VkW2tdID0gdjtcbiAgICAgIH1cbiAgICB9XG4gIH1cbiAgcmV0dXJuIG1lcmdlZDtcbn1cbiJdfQ==