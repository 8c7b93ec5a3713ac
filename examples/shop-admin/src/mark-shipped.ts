// A custom record action on Order, written the Active Record way: load, change, save, inside
// actionTransaction so the audit entry commits with the change (or neither does).
import { NotFoundError, type Action, type ActionResponse } from 'adminjs';
import { actionTransaction } from '@hashtrail/adminjs-audit';
import { Order } from './entities/Order.js';

export const markShipped: Partial<Action<ActionResponse>> = {
  actionType: 'record',
  icon: 'Truck',
  component: false,
  isAccessible: ({ record }) => record?.params.status === 'pending',
  handler: async (_request, _response, context) => {
    const { record, resource, currentAdmin } = context;
    if (!record) throw new NotFoundError('That order no longer exists.', 'markShipped');
    await actionTransaction(context, async (manager) => {
      const order = await manager.findOneByOrFail(Order, { id: String(record.id()) });
      order.status = 'shipped';
      await manager.save(order);
    });
    const fresh = (await resource.findOne(record.id())) ?? record;
    return { record: fresh.toJSON(currentAdmin), notice: { message: 'Order marked as shipped', type: 'success' } };
  },
};
