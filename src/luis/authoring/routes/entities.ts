// Entity models of every type (machine-learned/simple, hierarchical, composite,
// list, regex, prebuilt, Pattern.any): add, list, get, update, delete, and the
// roles every type has. One table maps each URL segment to its collection.
import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { NameBody, OK, Paging, VersionParams, Guid, appOf, byId, created, entityUpdateMethods, page, route, type AuthoringContext, type AuthoringRoutes, type AuthoringApp } from '../kit.ts';
import { checkEntityNameFree, checkName, removeEntityReferences, removeRoleReferences, renameEntityEverywhere, renameRoleEverywhere } from '../../app/edits.ts';
import { allEntities, takeNumber, type EntityCollection, type Role, type VersionDoc } from '../../app/document.ts';
import { entityInfo, intentInfo } from '../views.ts';
import { badArgument, itemNotFound } from '../../errors.ts';
// The engine's index exports its app types as types only; this constant lives beside them.
import { KNOWN_PREBUILTS, type EntityLabel, prebuiltCultureProblem } from '../../../nlu/index.ts';

type Entity = { id: string; name: string; roles: Role[] };

/** URL segment → collection of the document, and the noun used in messages. */
const SEGMENTS: Array<{ segment: string; collection: EntityCollection; noun: string }> = [
  { segment: 'entities', collection: 'entities', noun: 'entity' },
  { segment: 'hierarchicalentities', collection: 'hierarchicals', noun: 'hierarchical entity' },
  { segment: 'compositeentities', collection: 'composites', noun: 'composite entity' },
  { segment: 'closedlists', collection: 'closedLists', noun: 'list entity' },
  { segment: 'regexentities', collection: 'regexEntities', noun: 'regular expression entity' },
  { segment: 'prebuilts', collection: 'prebuiltEntities', noun: 'prebuilt entity' },
  { segment: 'patternanyentities', collection: 'patternAnyEntities', noun: 'Pattern.any entity' },
];

const EntityParams = Type.Intersect([VersionParams, Type.Object({ entityId: Guid('the entity id') })]);
const RoleParams = Type.Intersect([VersionParams, Type.Object({ entityId: Guid('the entity id'), roleId: Guid('the role id') })]);
const ChildParams = Type.Intersect([VersionParams, Type.Object({ entityId: Guid('the entity id'), childId: Guid('the child id') })]);
const NumberedParams = Type.Intersect([VersionParams, Type.Object({ entityId: Guid('the entity id'), itemId: Type.Integer({ minimum: 0 }) })]);

const Names = Type.Array(Type.String({ minLength: 1, maxLength: 256 }), { maxItems: 500 });
const SubListBody = Type.Object({ canonicalForm: Type.String({ minLength: 1, maxLength: 500 }), list: Type.Optional(Type.Array(Type.String({ maxLength: 500 }), { maxItems: 20_000 })) });

function collectionOf(doc: VersionDoc, collection: EntityCollection): Entity[] {
  return doc[collection] as unknown as Entity[];
}

function entityIn(doc: VersionDoc, collection: EntityCollection, id: string, noun: string): any {
  return byId(collectionOf(doc, collection), id, noun);
}

/** Refuses a role name that breaks the name rules or that another of the entity's roles has (in any case). */
function checkRoleName(entityName: string, roles: Role[], name: string, except?: Role): void {
  checkName('role', name);
  if (roles.some((r) => r !== except && r.name.toLowerCase() === name.toLowerCase())) throw badArgument(`Entity "${entityName}" already has a role named "${name}".`);
}

/** The roles an add body names: each a valid role name, none twice. */
function newRoles(entityName: string, names: string[] | undefined): Role[] {
  const roles: Role[] = [];
  for (const name of names ?? []) {
    checkRoleName(entityName, roles, name);
    roles.push({ id: randomUUID(), name });
  }
  return roles;
}

function subLists(doc: VersionDoc, lists: Array<{ canonicalForm: string; list?: string[] }>) {
  return lists.map((s) => ({ id: takeNumber(doc), canonicalForm: s.canonicalForm, list: s.list ?? [] }));
}

/** The add and update bodies differ by type; everything else is shared. */
function registerType(app: AuthoringApp, context: AuthoringContext, spec: typeof SEGMENTS[number]): void {
  const { apps } = context;
  const { segment, collection, noun } = spec;
  const base = `/apps/:appId/versions/:versionId/${segment}`;
  const edit = <T>(request: any, change: (doc: VersionDoc) => T) => apps.edit(request.params.appId, request.params.versionId, change);
  const read = async (request: any) => (await apps.readDoc(request.params.appId, request.params.versionId)).doc;

  route(app, { method: 'GET', url: base, operation: `${segment}.list`, schema: { params: VersionParams, querystring: Paging } }, async (request) => {
    await appOf(context, request);
    return page(collectionOf(await read(request), collection), request.query).map((e) => entityInfo(collection, e));
  });

  route(app, { method: 'GET', url: `${base}/:entityId`, operation: `${segment}.get`, schema: { params: EntityParams } }, async (request) => {
    await appOf(context, request);
    return entityInfo(collection, entityIn(await read(request), collection, request.params.entityId, noun));
  });

  route(app, { method: 'DELETE', url: `${base}/:entityId`, operation: `${segment}.delete`, schema: { params: EntityParams } }, async (request) => {
    await appOf(context, request);
    await edit(request, (doc) => {
      const entity = entityIn(doc, collection, request.params.entityId, noun);
      (doc as any)[collection] = collectionOf(doc, collection).filter((e) => e !== entity);
      removeEntityReferences(doc, entity.name);
    });
    return OK;
  });

  // Roles
  route(app, { method: 'GET', url: `${base}/:entityId/roles`, operation: `${segment}.roles.list`, schema: { params: EntityParams } }, async (request) => {
    await appOf(context, request);
    return entityIn(await read(request), collection, request.params.entityId, noun).roles;
  });
  route(app, { method: 'POST', url: `${base}/:entityId/roles`, operation: `${segment}.roles.add`, schema: { params: EntityParams, body: NameBody } }, async (request, reply) => {
    await appOf(context, request);
    const id = await edit(request, (doc) => {
      const entity: Entity = entityIn(doc, collection, request.params.entityId, noun);
      checkRoleName(entity.name, entity.roles, request.body.name);
      const role = { id: randomUUID(), name: request.body.name };
      entity.roles.push(role);
      return role.id;
    });
    return created(reply, id);
  });
  route(app, { method: 'GET', url: `${base}/:entityId/roles/:roleId`, operation: `${segment}.roles.get`, schema: { params: RoleParams } }, async (request) => {
    await appOf(context, request);
    return byId(entityIn(await read(request), collection, request.params.entityId, noun).roles as Role[], request.params.roleId, 'role');
  });
  route(app, { method: 'PUT', url: `${base}/:entityId/roles/:roleId`, operation: `${segment}.roles.update`, schema: { params: RoleParams, body: NameBody } }, async (request) => {
    await appOf(context, request);
    await edit(request, (doc) => {
      const entity: Entity = entityIn(doc, collection, request.params.entityId, noun);
      const role = byId(entity.roles, request.params.roleId, 'role');
      checkRoleName(entity.name, entity.roles, request.body.name, role);
      renameRoleEverywhere(doc, entity.name, role.name, request.body.name);
      role.name = request.body.name;
    });
    return OK;
  });
  route(app, { method: 'DELETE', url: `${base}/:entityId/roles/:roleId`, operation: `${segment}.roles.delete`, schema: { params: RoleParams } }, async (request) => {
    await appOf(context, request);
    await edit(request, (doc) => {
      const entity: Entity = entityIn(doc, collection, request.params.entityId, noun);
      const role = byId(entity.roles, request.params.roleId, 'role');
      entity.roles = entity.roles.filter((r) => r !== role);
      removeRoleReferences(doc, entity.name, role.name);
    });
    return OK;
  });

  /** Registers add and update for a type whose body is `schema`, applying `fill` to a new or existing entity. */
  const addAndUpdate = (schema: any, fill: (doc: VersionDoc, entity: any, body: any, isNew: boolean) => void) => {
    route(app, { method: 'POST', url: base, operation: `${segment}.add`, schema: { params: VersionParams, body: schema } }, async (request, reply) => {
      await appOf(context, request);
      const id = await edit(request, (doc) => {
        checkEntityNameFree(doc, request.body.name);
        const entity = { id: randomUUID(), name: request.body.name, roles: newRoles(request.body.name, request.body.roles) };
        fill(doc, entity, request.body, true);
        collectionOf(doc, collection).push(entity);
        return entity.id;
      });
      return created(reply, id);
    });
    const method = collection === 'entities' || collection === 'hierarchicals' ? entityUpdateMethods(context) : 'PUT';
    route(app, { method, url: `${base}/:entityId`, operation: `${segment}.update`, schema: { params: EntityParams, body: Type.Partial(schema) } }, async (request) => {
      await appOf(context, request);
      await edit(request, (doc) => {
        const entity = entityIn(doc, collection, request.params.entityId, noun);
        if (request.body.name !== undefined && request.body.name !== entity.name) {
          checkEntityNameFree(doc, request.body.name, entity.id);
          renameEntityEverywhere(doc, entity.name, request.body.name);
          entity.name = request.body.name;
        }
        fill(doc, entity, request.body, false);
      });
      return OK;
    });
  };

  /** New children by name; a child that keeps its name keeps its id. */
  const childNames = (names: string[] | undefined, before: Array<{ id: string; name: string }> = []) =>
    (names ?? []).map((name) => before.find((c) => c.name === name) ?? { id: randomUUID(), name });

  switch (collection) {
    case 'entities':
      addAndUpdate(Type.Object({ name: Type.String({ minLength: 1, maxLength: 256 }), roles: Type.Optional(Names), instanceOf: Type.Optional(Type.String({ minLength: 1, maxLength: 256, description: 'v3: the entity whose matches this one\'s values must be' })) }), (doc, e, body, isNew) => {
        if (isNew) Object.assign(e, { children: [], features: [] });
        if (body.instanceOf !== undefined) {
          if (!allEntities(doc).some(({ item }) => item.name === body.instanceOf && item.id !== e.id)) throw itemNotFound('entity', body.instanceOf);
          e.instanceOf = body.instanceOf;
        }
      });
      break;
    case 'hierarchicals':
    case 'composites':
      addAndUpdate(Type.Object({ name: Type.String({ minLength: 1, maxLength: 256 }), children: Type.Optional(Names), roles: Type.Optional(Names) }), (doc, e, body, isNew) => {
        if (isNew || body.children) {
          const before = e.children ?? [];
          e.children = childNames(body.children, before);
          // A hierarchical child that is gone takes its labels with it, as deleting it alone does.
          if (collection === 'hierarchicals') for (const c of before) if (!e.children.includes(c)) removeEntityReferences(doc, `${e.name}::${c.name}`);
        }
        for (const c of e.children) if (collection === 'hierarchicals') checkName('child entity', c.name);
        const twice = e.children.find((c: { name: string }, i: number) => e.children.findIndex((o: { name: string }) => o.name === c.name) !== i);
        if (twice) throw badArgument(`"${e.name}" already has a child named "${twice.name}".`);
      });
      registerChildren(app, context, base, segment, collection, noun);
      break;
    case 'closedLists':
      addAndUpdate(Type.Object({ name: Type.String({ minLength: 1, maxLength: 256 }), subLists: Type.Optional(Type.Array(SubListBody, { maxItems: 20_000 })), roles: Type.Optional(Names) }), (doc, e, body, isNew) => {
        if (isNew || body.subLists) e.subLists = subLists(doc, body.subLists ?? []);
      });
      registerSubLists(app, context, base, segment, noun);
      break;
    case 'regexEntities':
      addAndUpdate(Type.Object({ name: Type.String({ minLength: 1, maxLength: 256 }), regexPattern: Type.String({ maxLength: 10_000 }), roles: Type.Optional(Names) }), (_doc, e, body) => {
        if (body.regexPattern !== undefined) {
          try { new RegExp(body.regexPattern); } catch (err) { throw badArgument(`regexPattern is not a valid regular expression: ${(err as Error).message}`); }
          e.regexPattern = body.regexPattern;
        }
      });
      break;
    case 'patternAnyEntities':
      addAndUpdate(Type.Object({ name: Type.String({ minLength: 1, maxLength: 256 }), explicitList: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { maxItems: 5000 })), roles: Type.Optional(Names) }), (doc, e, body, isNew) => {
        if (isNew || body.explicitList) e.explicitList = (body.explicitList ?? []).map((item: string) => ({ id: takeNumber(doc), explicitListItem: item }));
      });
      registerExplicitList(app, context, base, segment, noun);
      break;
    case 'prebuiltEntities':
      route(app, { method: 'POST', url: base, operation: `${segment}.add`, schema: { params: VersionParams, body: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 50 }) } }, async (request, reply) => {
        await appOf(context, request);
        const added = await edit(request, (doc) => request.body.map((name: string) => {
          if (!KNOWN_PREBUILTS.has(name)) throw badArgument(`"${name}" is not a prebuilt entity; known: ${[...KNOWN_PREBUILTS].join(', ')}`);
          const existing = doc.prebuiltEntities.find((p) => p.name === name);
          if (existing) return existing;
          checkEntityNameFree(doc, name);
          const entity = { id: randomUUID(), name, roles: [] };
          doc.prebuiltEntities.push(entity);
          return entity;
        }));
        reply.code(201);
        return added.map((e: any) => entityInfo('prebuiltEntities', e));
      });
      break;
  }
}

function registerChildren(app: AuthoringApp, context: AuthoringContext, base: string, segment: string, collection: 'hierarchicals' | 'composites', noun: string): void {
  const { apps } = context;
  route(app, { method: 'POST', url: `${base}/:entityId/children`, operation: `${segment}.children.add`, schema: { params: EntityParams, body: NameBody } }, async (request, reply) => {
    await appOf(context, request);
    const id = await apps.edit(request.params.appId, request.params.versionId, (doc) => {
      const entity = entityIn(doc, collection, request.params.entityId, noun);
      if (collection === 'hierarchicals') checkName('child entity', request.body.name);
      if (entity.children.some((c: any) => c.name === request.body.name)) throw badArgument(`"${entity.name}" already has a child named "${request.body.name}".`);
      const child = { id: randomUUID(), name: request.body.name };
      entity.children.push(child);
      return child.id;
    });
    return created(reply, id);
  });
  route(app, { method: 'GET', url: `${base}/:entityId/children/:childId`, operation: `${segment}.children.get`, schema: { params: ChildParams } }, async (request) => {
    await appOf(context, request);
    const { doc } = await apps.readDoc(request.params.appId, request.params.versionId);
    const entity = entityIn(doc, collection, request.params.entityId, noun);
    const child = byId(entity.children as Array<{ id: string; name: string }>, request.params.childId, 'child entity');
    return { id: child.id, name: child.name, typeId: 6, readableType: 'Hierarchical Child Entity Extractor' };
  });
  route(app, { method: collection === 'hierarchicals' ? entityUpdateMethods(context) : 'PUT', url: `${base}/:entityId/children/:childId`, operation: `${segment}.children.update`, schema: { params: ChildParams, body: NameBody } }, async (request) => {
    await appOf(context, request);
    await apps.edit(request.params.appId, request.params.versionId, (doc) => {
      const entity = entityIn(doc, collection, request.params.entityId, noun);
      const child = byId(entity.children as Array<{ id: string; name: string }>, request.params.childId, 'child entity');
      if (entity.children.some((c: any) => c !== child && c.name === request.body.name)) throw badArgument(`"${entity.name}" already has a child named "${request.body.name}".`);
      if (collection === 'hierarchicals') {
        checkName('child entity', request.body.name);
        renameEntityEverywhere(doc, `${entity.name}::${child.name}`, `${entity.name}::${request.body.name}`);
      }
      child.name = request.body.name;
    });
    return OK;
  });
  route(app, { method: 'DELETE', url: `${base}/:entityId/children/:childId`, operation: `${segment}.children.delete`, schema: { params: ChildParams } }, async (request) => {
    await appOf(context, request);
    await apps.edit(request.params.appId, request.params.versionId, (doc) => {
      const entity = entityIn(doc, collection, request.params.entityId, noun);
      const child = byId(entity.children as Array<{ id: string; name: string }>, request.params.childId, 'child entity');
      entity.children = entity.children.filter((c: unknown) => c !== child);
      if (collection === 'hierarchicals') removeEntityReferences(doc, `${entity.name}::${child.name}`);
    });
    return OK;
  });
}

function registerSubLists(app: AuthoringApp, context: AuthoringContext, base: string, segment: string, noun: string): void {
  const { apps } = context;
  const edit = <T>(request: any, change: (doc: VersionDoc) => T) => apps.edit(request.params.appId, request.params.versionId, change);
  route(app, { method: 'PATCH', url: `${base}/:entityId`, operation: `${segment}.patch`, schema: { params: EntityParams, body: Type.Object({ subLists: Type.Array(SubListBody, { maxItems: 20_000 }) }) } }, async (request) => {
    await appOf(context, request);
    await edit(request, (doc) => {
      const entity = entityIn(doc, 'closedLists', request.params.entityId, noun);
      entity.subLists.push(...subLists(doc, request.body.subLists));
    });
    return OK;
  });
  route(app, { method: 'POST', url: `${base}/:entityId/sublists`, operation: `${segment}.sublists.add`, schema: { params: EntityParams, body: SubListBody } }, async (request, reply) => {
    await appOf(context, request);
    const id = await edit(request, (doc) => {
      const entity = entityIn(doc, 'closedLists', request.params.entityId, noun);
      const [sub] = subLists(doc, [request.body]);
      entity.subLists.push(sub);
      return sub.id;
    });
    return created(reply, id);
  });
  const SubParams = Type.Intersect([VersionParams, Type.Object({ entityId: Guid('the list entity id'), subListId: Type.Integer({ minimum: 0 }) })]);
  route(app, { method: 'PUT', url: `${base}/:entityId/sublists/:subListId`, operation: `${segment}.sublists.update`, schema: { params: SubParams, body: SubListBody } }, async (request) => {
    await appOf(context, request);
    await edit(request, (doc) => {
      const entity = entityIn(doc, 'closedLists', request.params.entityId, noun);
      const sub = byId(entity.subLists as Array<{ id: number; canonicalForm: string; list: string[] }>, request.params.subListId, 'sublist');
      sub.canonicalForm = request.body.canonicalForm;
      sub.list = request.body.list ?? [];
    });
    return OK;
  });
  route(app, { method: 'DELETE', url: `${base}/:entityId/sublists/:subListId`, operation: `${segment}.sublists.delete`, schema: { params: SubParams } }, async (request) => {
    await appOf(context, request);
    await edit(request, (doc) => {
      const entity = entityIn(doc, 'closedLists', request.params.entityId, noun);
      const sub = byId(entity.subLists as Array<{ id: number }>, request.params.subListId, 'sublist');
      entity.subLists = entity.subLists.filter((s: unknown) => s !== sub);
    });
    return OK;
  });
}

function registerExplicitList(app: AuthoringApp, context: AuthoringContext, base: string, segment: string, noun: string): void {
  const { apps } = context;
  const edit = <T>(request: any, change: (doc: VersionDoc) => T) => apps.edit(request.params.appId, request.params.versionId, change);
  const ItemBody = Type.Object({ explicitListItem: Type.String({ minLength: 1, maxLength: 500 }) });
  type Item = { id: number; explicitListItem: string };
  route(app, { method: 'GET', url: `${base}/:entityId/explicitlist`, operation: `${segment}.explicitlist.list`, schema: { params: EntityParams } }, async (request) => {
    await appOf(context, request);
    const { doc } = await apps.readDoc(request.params.appId, request.params.versionId);
    return entityIn(doc, 'patternAnyEntities', request.params.entityId, noun).explicitList;
  });
  route(app, { method: 'POST', url: `${base}/:entityId/explicitlist`, operation: `${segment}.explicitlist.add`, schema: { params: EntityParams, body: ItemBody } }, async (request, reply) => {
    await appOf(context, request);
    const id = await edit(request, (doc) => {
      const entity = entityIn(doc, 'patternAnyEntities', request.params.entityId, noun);
      const item = { id: takeNumber(doc), explicitListItem: request.body.explicitListItem };
      entity.explicitList.push(item);
      return item.id;
    });
    return created(reply, id);
  });
  route(app, { method: 'GET', url: `${base}/:entityId/explicitlist/:itemId`, operation: `${segment}.explicitlist.get`, schema: { params: NumberedParams } }, async (request) => {
    await appOf(context, request);
    const { doc } = await apps.readDoc(request.params.appId, request.params.versionId);
    return byId(entityIn(doc, 'patternAnyEntities', request.params.entityId, noun).explicitList as Item[], request.params.itemId, 'explicit list item');
  });
  route(app, { method: 'PUT', url: `${base}/:entityId/explicitlist/:itemId`, operation: `${segment}.explicitlist.update`, schema: { params: NumberedParams, body: ItemBody } }, async (request) => {
    await appOf(context, request);
    await edit(request, (doc) => {
      const item = byId(entityIn(doc, 'patternAnyEntities', request.params.entityId, noun).explicitList as Item[], request.params.itemId, 'explicit list item');
      item.explicitListItem = request.body.explicitListItem;
    });
    return OK;
  });
  route(app, { method: 'DELETE', url: `${base}/:entityId/explicitlist/:itemId`, operation: `${segment}.explicitlist.delete`, schema: { params: NumberedParams } }, async (request) => {
    await appOf(context, request);
    await edit(request, (doc) => {
      const entity = entityIn(doc, 'patternAnyEntities', request.params.entityId, noun);
      const item = byId(entity.explicitList as Item[], request.params.itemId, 'explicit list item');
      entity.explicitList = entity.explicitList.filter((i: unknown) => i !== item);
    });
    return OK;
  });
}

const PREBUILT_DESCRIPTIONS: Record<string, { description: string; examples: string }> = {
  number: { description: 'Cardinal numbers in numeric or text form', examples: '3, 3.5, three, a dozen' },
  ordinal: { description: 'Ordinal numbers', examples: 'first, 2nd, third' },
  ordinalV2: { description: 'Ordinal numbers, including relative positions', examples: 'first, next, last' },
  percentage: { description: 'Percentages', examples: '10%, ten percent' },
  dimension: { description: 'Lengths, areas, volumes, speeds, weights, information sizes', examples: '3 miles, 10 kg, 2 GB' },
  age: { description: 'Ages', examples: '5 years old, 3 months' },
  temperature: { description: 'Temperatures', examples: '72 degrees fahrenheit, 20 °C' },
  money: { description: 'Amounts of money', examples: '$10, 10 dollars, 5 euros' },
  datetimeV2: { description: 'Dates, times, date ranges, durations and sets', examples: 'tomorrow at 5pm, next week, for 3 hours' },
  email: { description: 'E-mail addresses', examples: 'user@example.com' },
  url: { description: 'URLs', examples: 'https://example.com' },
  phonenumber: { description: 'Phone numbers', examples: '(425) 555-0100' },
};

export const entitiesRoutes: AuthoringRoutes = (app, context) => {
  for (const spec of SEGMENTS) registerType(app, context, spec);

  route(app, { method: 'GET', url: '/apps/:appId/versions/:versionId/listprebuilts', operation: 'prebuilts.available', schema: { params: VersionParams } }, async (request) => {
    await appOf(context, request);
    const { doc } = await context.apps.readDoc(request.params.appId, request.params.versionId);
    // As LUIS, only the prebuilts the version's culture offers.
    return Object.entries(PREBUILT_DESCRIPTIONS).filter(([name]) => !prebuiltCultureProblem(name, doc.culture)).map(([name, d]) => ({ name, ...d }));
  });

  route(app, { method: 'GET', url: '/apps/:appId/versions/:versionId/models', operation: 'models.list', schema: { params: VersionParams, querystring: Paging } }, async (request) => {
    await appOf(context, request);
    const { doc } = await context.apps.readDoc(request.params.appId, request.params.versionId);
    const models = [...doc.intents.map(intentInfo), ...allEntities(doc).map(({ collection, item }) => entityInfo(collection, item))];
    return page(models, request.query);
  });

  route(app, {
    method: 'GET', url: '/apps/:appId/versions/:versionId/models/:modelId/examples', operation: 'models.examples',
    schema: { params: Type.Intersect([VersionParams, Type.Object({ modelId: Type.String({ minLength: 1, maxLength: 64 }) })]), querystring: Paging },
  }, async (request) => {
    await appOf(context, request);
    const { doc } = await context.apps.readDoc(request.params.appId, request.params.versionId);
    const id = String(request.params.modelId).toLowerCase();
    const intent = doc.intents.find((i) => i.id.toLowerCase() === id);
    const entity = allEntities(doc).find(({ item }) => item.id.toLowerCase() === id)?.item;
    if (!intent && !entity) throw itemNotFound('model', request.params.modelId);
    const labelled = (labels: EntityLabel[]): boolean =>
      labels.some((l) => l.entity === entity!.name || l.entity.startsWith(`${entity!.name}::`) || labelled(l.children ?? []));
    const examples = doc.utterances.filter((u) => (intent ? u.intent === intent.name : labelled(u.entities)));
    return page(examples, request.query).map((u) => ({ id: u.id, text: u.text }));
  });
};
