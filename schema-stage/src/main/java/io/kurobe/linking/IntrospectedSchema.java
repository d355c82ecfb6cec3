package io.kurobe.linking;

import io.kurobe.data.SchemaSnapshot;

/** What one introspection of a connection yields: the snapshot, its full M-Schema and its value index. */
record IntrospectedSchema(SchemaSnapshot snapshot, String mschema, ValueIndex values) {
}
